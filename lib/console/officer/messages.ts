import { bilingual } from "../i18n.js";

/** The officer's tender pages, in Dutch and English. */
export const officer = bilingual({
  nl: {
    navTenders: "Aanbestedingen",
    homeTitle: "Overzicht",
    homeIntro: (org: string) => `Aanbestedingen en contracten van ${org} in één oogopslag.`,
    needsAction: "Wat aandacht vraagt",
    nothingToDo: "Er wacht nu niets op u.",
    todoDrafts: (n: number) => (n === 1 ? "1 concept om te publiceren" : `${n} concepten om te publiceren`),
    todoToOpen: (n: number) =>
      n === 1
        ? "1 aanbesteding voorbij de sluitingstijd: inschrijvingen openen"
        : `${n} aanbestedingen voorbij de sluitingstijd: inschrijvingen openen`,
    todoToScore: (n: number) =>
      n === 1 ? "1 geopende aanbesteding om te beoordelen" : `${n} geopende aanbestedingen om te beoordelen`,
    todoToAward: (n: number) =>
      n === 1 ? "1 beoordeelde aanbesteding om te gunnen" : `${n} beoordeelde aanbestedingen om te gunnen`,
    todoStandstill: (n: number) =>
      n === 1
        ? "1 voorlopige gunning in de opschortende termijn"
        : `${n} voorlopige gunningen in de opschortende termijn`,
    myTenders: "Mijn aanbestedingen",
    myContracts: "Contracten achter op social return",
    contractsNoneBehind: "Geen contract loopt achter op social return.",
    contractsCaption: "Contracten die achterlopen op social return",
    contract: "Contract",
    fulfilment: "Vervulling",
    shortfall: "Tekort",
    balanceStatus: "Stand",
    balanceStatuses: (key: string): string => ({ behind: "loopt achter", shortfall: "tekort" })[key] ?? key,
    allTenders: "Alle aanbestedingen",
    newTender: "Nieuwe aanbesteding",
    tendersTitle: "Aanbestedingen",
    tendersCaption: "Aanbestedingen van uw gemeente",
    tendersNone: "Er zijn nog geen aanbestedingen.",
    nextPage: "Volgende pagina",
    reference: "Kenmerk",
    title: "Titel",
    phase: "Fase",
    deadline: "Sluitingstijd",
    value: "Geraamde waarde",
    phases: (key: string): string =>
      (
        ({
          draft: "concept",
          published: "gepubliceerd",
          closed: "gesloten, te openen",
          opened: "geopend",
          evaluated: "beoordeeld",
          "award-intended": "voorlopig gegund",
          awarded: "gegund",
          cancelled: "ingetrokken",
        }) as Record<string, string>
      )[key] ?? key,
    // wizard
    wizardNewTitle: "Nieuwe aanbesteding",
    wizardEditTitle: (reference: string) => `Concept ${reference} wijzigen`,
    wizardIntro:
      "Vul de gegevens in, stel het gunningsmodel samen en probeer het uit op voorbeeldinschrijvingen. Opslaan maakt een concept; publiceren doet u daarna.",
    stepDetails: "Stap 1 van 3: gegevens",
    stepModel: "Stap 2 van 3: gunningsmodel",
    stepWhatIf: "Stap 3 van 3: proefrangschikking op voorbeeldinschrijvingen",
    description: "Omschrijving",
    cpvCode: "CPV-code",
    cpvHint: "Acht cijfers, bijvoorbeeld 45233140-2.",
    estimatedValue: "Geraamde waarde in euro's",
    contractType: "Soort opdracht",
    contractTypes: (key: string): string =>
      (({ works: "werken", services: "diensten", supplies: "leveringen" }) as Record<string, string>)[key] ??
      key,
    labourShare: "Aandeel arbeid in procenten (optioneel)",
    labourShareHint: "Voor leveringen: het deel van de waarde dat arbeid is.",
    startDate: "Begin van het contract",
    endDate: "Einde van het contract",
    submissionDeadline: "Sluitingstijd voor inschrijvingen",
    deadlineHint: "Nederlandse tijd.",
    pricesSealed: "Prijzen verborgen houden tot alle kwaliteit is beoordeeld",
    noImpactReason: "Waarom geen sociaal of duurzaam criterium? (alleen bij laagste prijs)",
    noImpactReasonHint: "Pas toe of leg uit: nodig om een aanbesteding op laagste prijs te publiceren.",
    method: "Gunningsmethode",
    methods: (key: string): string =>
      (
        ({
          "lowest-price": "laagste prijs",
          "lowest-cost": "laagste kosten (prijs plus gecorrigeerde kosten)",
          "weighted-points": "beste prijs-kwaliteitverhouding met punten",
          "award-on-value": "gunnen op waarde (fictieve prijs)",
        }) as Record<string, string>
      )[key] ?? key,
    priceRule: "Prijs",
    priceFormula: "Prijsformule",
    priceFormulaHint: "Alleen bij punten. Kies ‘geen’ voor de andere methoden.",
    priceFormulaNone: "geen",
    priceFormulas: (key: string): string =>
      (
        ({
          "relative-lowest": "relatief ten opzichte van de laagste prijs",
          "absolute-linear": "absoluut lineair tussen vaste grenzen",
          "relative-linear": "relatief lineair tussen laagste en hoogste prijs",
          log: "logaritmisch",
        }) as Record<string, string>
      )[key] ?? key,
    priceMaxPoints: "Maximale punten voor prijs",
    boundsMin: "Ondergrens prijs in euro's (absoluut lineair)",
    boundsMax: "Bovengrens prijs in euro's (absoluut lineair)",
    criteria: "Kwaliteitscriteria",
    criteriaHint: "Laat een regel leeg om hem over te slaan. Meer regels nodig? Kies ‘Criterium toevoegen’.",
    criterion: (n: number) => `Criterium ${n}`,
    criterionName: "Naam",
    scaleMin: "Laagste score",
    scaleMax: "Hoogste score",
    maxPoints: "Maximale punten (bij punten)",
    maxValue: "Waarde in euro's bij de hoogste score (gunnen op waarde)",
    minimumScore: "Minimumscore (optioneel)",
    addCriterion: "Criterium toevoegen",
    corrections: "Correcties op de prijs",
    certificate: "Korting voor certificaat",
    truePrice: "Ware prijs: maatschappelijke kosten",
    none: "geen",
    mkiFactor: "MKI-waarderingsfactor (optioneel)",
    lcc: "Levenscycluskosten meetellen",
    socialReturn: "Social return",
    socialReturnMode: "Hoe telt social return mee?",
    socialReturnModes: (key: string): string =>
      (
        ({
          "": "niet in de gunning",
          minimum: "als minimumeis",
          points: "met punten",
          "euro-credit": "als aftrek in euro's",
        }) as Record<string, string>
      )[key] ?? key,
    catalogue: "Catalogus van bouwblokken",
    percentOfPrice: "Vereist percentage van de prijs (optioneel)",
    srMaxPoints: "Maximale punten (bij punten)",
    fullPointsAtPercent: "Volle punten bij percentage (bij punten)",
    creditFactor: "Factor voor de aftrek (bij aftrek in euro's)",
    tieBreakers: "Bij gelijke stand beslist",
    tieBreakerNames: (key: string): string =>
      (
        ({
          "higher-quality": "hogere kwaliteit",
          "lower-price": "lagere prijs",
          "earlier-submission": "eerdere inschrijving",
        }) as Record<string, string>
      )[key] ?? key,
    sampleBidsHint:
      "Voorbeeldinschrijvingen worden niet opgeslagen. Vul een prijs en scores in en kies ‘Rangschikking tonen’.",
    sampleBid: (label: string) => `Voorbeeld ${label}`,
    samplePrice: "Prijs in euro's",
    sampleScore: (criterion: string) => `Score ${criterion}`,
    showRanking: "Rangschikking tonen",
    saveDraft: "Concept opslaan",
    saved: "Het concept is opgeslagen.",
    // what-if
    whatIfTitle: "Proefrangschikking",
    rankingCaption: "Rangschikking van de voorbeeldinschrijvingen",
    bidsRankingCaption: "Rangschikking van de inschrijvingen",
    rank: "Plaats",
    bid: "Inschrijving",
    total: "Totaal",
    evaluatedPrice: "Beoordeelde prijs",
    compliant: "Voldoet",
    yes: "ja",
    no: "nee",
    notRanked: "niet gerangschikt",
    warningsTitle: "Waarschuwingen",
    robustnessTitle: "Hoe stevig is de uitkomst?",
    robustnessSolid: "Geen enkele kleine wijziging die is nagegaan verandert de winnaar.",
    warnRelative:
      "De prijsformule is relatief: de punten van een inschrijving hangen af van de andere inschrijvingen. Eén inschrijving meer of minder kan de volgorde van twee andere omdraaien. Een absolute formule met vaste grenzen voorkomt dat.",
    warnScale:
      "Prijs weegt minder zwaar dan het gepubliceerde gewicht: de slechtste prijs krijgt nog punten, terwijl kwaliteit tot nul kan zakken.",
    warnLow: (bid: string) =>
      `Inschrijving ${bid} is opvallend laag. Vraag de inschrijver de prijs toe te lichten voordat u beslist; het is geen reden om haar zonder meer af te wijzen.`,
    warnLots: (bids: string) =>
      `Inschrijvingen ${bids} staan gelijk en geen beslisregel scheidt ze: er moet worden geloot.`,
    warnNoneCompliant: "Geen enkele inschrijving voldoet: er is geen rangschikking.",
    removalWinner: (removed: string, winners: string) =>
      `Als inschrijving ${removed} zich terugtrekt, wint ${winners}.`,
    removalReversal: (removed: string, ahead: string, behind: string, count: number) =>
      `Als inschrijving ${removed} zich terugtrekt, komt ${ahead} vóór ${behind}${count > 1 ? ` (en wisselen nog ${count - 1} andere paren van plaats)` : ""}.`,
    weightUp: (criterion: string, from: string, to: string, winner: string) =>
      `Als ${criterion} ${to} punten waard is in plaats van ${from}, wint inschrijving ${winner}.`,
    weightDown: (criterion: string, from: string, to: string, winner: string) =>
      `Als ${criterion} maar ${to} punten waard is in plaats van ${from}, wint inschrijving ${winner}.`,
    valueUp: (criterion: string, from: string, to: string, winner: string) =>
      `Als ${criterion} ${to} waard is in plaats van ${from}, wint inschrijving ${winner}.`,
    valueDown: (criterion: string, from: string, to: string, winner: string) =>
      `Als ${criterion} maar ${to} waard is in plaats van ${from}, wint inschrijving ${winner}.`,
    thePrice: "de prijs",
    // tender page
    tenderDetails: "Gegevens",
    status: "Stand van zaken",
    edit: "Concept wijzigen",
    publish: "Publiceren",
    published: "De aanbesteding is gepubliceerd.",
    publishWarnings: "Bij het publiceren meldt de dienst:",
    bidCountSealed: (n: number) =>
      n === 1
        ? "1 inschrijving ontvangen. Inschrijvingen blijven verzegeld tot u ze na de sluitingstijd opent."
        : `${n} inschrijvingen ontvangen. Inschrijvingen blijven verzegeld tot u ze na de sluitingstijd opent.`,
    open: "Inschrijvingen openen",
    opened: "De inschrijvingen zijn geopend.",
    lot: (id: string, title: string) => `Perceel ${id}: ${title}`,
    bidsCaption: "Inschrijvingen",
    supplier: "Leverancier",
    price: "Prijs",
    sealed: "verzegeld",
    committeeScores: "Scores commissie",
    scored: "beoordeeld",
    notScored: "nog niet beoordeeld",
    score: "Beoordelen",
    scoreBid: (bid: string) => `Inschrijving ${bid} beoordelen`,
    evaluate: "Rangschikking berekenen",
    evaluated: "De rangschikking is berekend en opgeslagen.",
    viewEvaluation: "Rangschikking en gunning",
    // scoring
    scoringTitle: (bid: string) => `Inschrijving ${bid} beoordelen`,
    scoringIntro:
      "Geef per criterium een score en een onderbouwing. De onderbouwing hoort bij het dossier en wordt bij een verbetering meegenomen.",
    scoreLabel: (criterion: string, min: number, max: number) =>
      `Score voor ${criterion} (${min} tot ${max})`,
    justification: (criterion: string) => `Onderbouwing voor ${criterion}`,
    saveScores: "Scores opslaan",
    scoresSaved: "De scores zijn opgeslagen.",
    noCriteria: "Dit gunningsmodel heeft geen kwaliteitscriteria om te beoordelen.",
    backToTender: "Terug naar de aanbesteding",
    // evaluation
    evaluationTitle: (reference: string) => `Rangschikking ${reference}`,
    evaluationNone: "Er is nog geen rangschikking berekend.",
    evaluationStale:
      "Na deze rangschikking is een score verbeterd. Bereken de rangschikking opnieuw voordat u gunt.",
    evaluationMeta: (at: string, engine: string) => `Berekend op ${at} met ${engine}.`,
    evaluateAgain: "Opnieuw berekenen",
    breakdownTitle: "Opbouw per inschrijving",
    breakdownOf: (bid: string) => `Inschrijving ${bid}`,
    pricePoints: "Punten voor prijs",
    qualityPoints: "Punten voor kwaliteit",
    srPoints: "Punten voor social return",
    correctionsAdded: "Correcties",
    deductions: "Aftrek voor kwaliteit en social return",
    discounts: "Kortingen",
    barPoints: (bid: string, price: string, quality: string, sr: string, total: string) =>
      `Inschrijving ${bid}: ${price} punten voor prijs, ${quality} voor kwaliteit, ${sr} voor social return; totaal ${total}`,
    barValue: (bid: string, evaluated: string, discounts: string, deductions: string) =>
      `Inschrijving ${bid}: beoordeelde prijs ${evaluated}, kortingen ${discounts}, aftrek ${deductions}`,
    figure: "Onderdeel",
    amount: "Bedrag of punten",
    explanation: "Uitleg",
    bidPrice: "Inschrijfprijs",
    correctedPrice: "Gecorrigeerde prijs",
    fictitiousPrice: "Fictieve prijs",
    source: (source: string, table: string) => `Bron: ${source}${table ? ` (tabel ${table})` : ""}`,
    reasons: "Waarom niet gerangschikt",
    scoreCorrections: "Verbeterde scores na het openen van de prijzen",
    scoreCorrection: (bid: string, reason: string) => `Inschrijving ${bid}: ${reason}`,
    intendedAward: "Voorlopige gunning",
    intendedAwardTo: (bid: string, rank: number, from: string) =>
      `Voorlopig gegund aan inschrijving ${bid} (plaats ${rank}). De gunning kan definitief worden vanaf ${from}.`,
    chooseBid: "Aan welke inschrijving?",
    bestRanked: "de best gerangschikte inschrijving",
    awardReason: "Reden (nodig als u niet aan de beste inschrijving gunt)",
    recordIntended: "Voorlopig gunnen",
    intendedRecorded: "De voorlopige gunning is vastgelegd.",
    finalAward: "Definitieve gunning",
    awardFinal: "Definitief gunnen",
    awarded: "De opdracht is definitief gegund; het contract is aangemaakt.",
    awardedTo: (bid: string, value: string) => `Definitief gegund aan inschrijving ${bid} voor ${value}.`,
    viewContract: "Naar het contract",
  },
  en: {
    navTenders: "Tenders",
    homeTitle: "Overview",
    homeIntro: (org: string) => `Tenders and contracts of ${org} at a glance.`,
    needsAction: "What needs your attention",
    nothingToDo: "Nothing is waiting for you now.",
    todoDrafts: (n: number) => (n === 1 ? "1 draft to publish" : `${n} drafts to publish`),
    todoToOpen: (n: number) =>
      n === 1
        ? "1 tender past its deadline: open the bids"
        : `${n} tenders past their deadline: open the bids`,
    todoToScore: (n: number) => (n === 1 ? "1 opened tender to score" : `${n} opened tenders to score`),
    todoToAward: (n: number) => (n === 1 ? "1 evaluated tender to award" : `${n} evaluated tenders to award`),
    todoStandstill: (n: number) =>
      n === 1
        ? "1 intended award in its standstill period"
        : `${n} intended awards in their standstill period`,
    myTenders: "My tenders",
    myContracts: "Contracts behind on social return",
    contractsNoneBehind: "No contract is behind on social return.",
    contractsCaption: "Contracts behind on social return",
    contract: "Contract",
    fulfilment: "Fulfilment",
    shortfall: "Shortfall",
    balanceStatus: "Status",
    balanceStatuses: (key: string): string => ({ behind: "behind", shortfall: "shortfall" })[key] ?? key,
    allTenders: "All tenders",
    newTender: "New tender",
    tendersTitle: "Tenders",
    tendersCaption: "Your municipality's tenders",
    tendersNone: "There are no tenders yet.",
    nextPage: "Next page",
    reference: "Reference",
    title: "Title",
    phase: "Phase",
    deadline: "Deadline",
    value: "Estimated value",
    phases: (key: string): string =>
      (
        ({
          draft: "draft",
          published: "published",
          closed: "closed, to open",
          opened: "opened",
          evaluated: "evaluated",
          "award-intended": "award intended",
          awarded: "awarded",
          cancelled: "cancelled",
        }) as Record<string, string>
      )[key] ?? key,
    wizardNewTitle: "New tender",
    wizardEditTitle: (reference: string) => `Edit draft ${reference}`,
    wizardIntro:
      "Fill in the details, build the award model and try it on sample bids. Saving makes a draft; you publish it afterwards.",
    stepDetails: "Step 1 of 3: details",
    stepModel: "Step 2 of 3: award model",
    stepWhatIf: "Step 3 of 3: trial ranking on sample bids",
    description: "Description",
    cpvCode: "CPV code",
    cpvHint: "Eight digits, for example 45233140-2.",
    estimatedValue: "Estimated value in euros",
    contractType: "Type of contract",
    contractTypes: (key: string): string =>
      (({ works: "works", services: "services", supplies: "supplies" }) as Record<string, string>)[key] ??
      key,
    labourShare: "Share of labour in percent (optional)",
    labourShareHint: "For supplies: the part of the value that is labour.",
    startDate: "Contract start",
    endDate: "Contract end",
    submissionDeadline: "Deadline for bids",
    deadlineHint: "Dutch time.",
    pricesSealed: "Keep prices hidden until all quality is scored",
    noImpactReason: "Why no social or sustainable criterion? (lowest price only)",
    noImpactReasonHint: "Comply or explain: needed to publish a lowest-price tender.",
    method: "Award method",
    methods: (key: string): string =>
      (
        ({
          "lowest-price": "lowest price",
          "lowest-cost": "lowest cost (price plus corrected costs)",
          "weighted-points": "best price-quality ratio with points",
          "award-on-value": "award on value (fictitious price)",
        }) as Record<string, string>
      )[key] ?? key,
    priceRule: "Price",
    priceFormula: "Price formula",
    priceFormulaHint: "Points only. Choose ‘none’ for the other methods.",
    priceFormulaNone: "none",
    priceFormulas: (key: string): string =>
      (
        ({
          "relative-lowest": "relative to the lowest price",
          "absolute-linear": "absolute linear between fixed bounds",
          "relative-linear": "relative linear between lowest and highest price",
          log: "logarithmic",
        }) as Record<string, string>
      )[key] ?? key,
    priceMaxPoints: "Maximum points for price",
    boundsMin: "Lower price bound in euros (absolute linear)",
    boundsMax: "Upper price bound in euros (absolute linear)",
    criteria: "Quality criteria",
    criteriaHint: "Leave a row empty to skip it. Need more rows? Choose ‘Add a criterion’.",
    criterion: (n: number) => `Criterion ${n}`,
    criterionName: "Name",
    scaleMin: "Lowest score",
    scaleMax: "Highest score",
    maxPoints: "Maximum points (points)",
    maxValue: "Value in euros at the highest score (award on value)",
    minimumScore: "Minimum score (optional)",
    addCriterion: "Add a criterion",
    corrections: "Price corrections",
    certificate: "Certificate discount",
    truePrice: "True price: social costs",
    none: "none",
    mkiFactor: "MKI valuation factor (optional)",
    lcc: "Count life-cycle costs",
    socialReturn: "Social return",
    socialReturnMode: "How does social return count?",
    socialReturnModes: (key: string): string =>
      (
        ({
          "": "not in the award",
          minimum: "as a minimum requirement",
          points: "with points",
          "euro-credit": "as a deduction in euros",
        }) as Record<string, string>
      )[key] ?? key,
    catalogue: "Building-block catalogue",
    percentOfPrice: "Required percentage of the price (optional)",
    srMaxPoints: "Maximum points (points)",
    fullPointsAtPercent: "Full points at percentage (points)",
    creditFactor: "Deduction factor (deduction in euros)",
    tieBreakers: "A tie is decided by",
    tieBreakerNames: (key: string): string =>
      (
        ({
          "higher-quality": "higher quality",
          "lower-price": "lower price",
          "earlier-submission": "earlier submission",
        }) as Record<string, string>
      )[key] ?? key,
    sampleBidsHint: "Sample bids are not saved. Fill in a price and scores and choose ‘Show ranking’.",
    sampleBid: (label: string) => `Sample ${label}`,
    samplePrice: "Price in euros",
    sampleScore: (criterion: string) => `Score ${criterion}`,
    showRanking: "Show ranking",
    saveDraft: "Save draft",
    saved: "The draft has been saved.",
    whatIfTitle: "Trial ranking",
    rankingCaption: "Ranking of the sample bids",
    bidsRankingCaption: "Ranking of the bids",
    rank: "Rank",
    bid: "Bid",
    total: "Total",
    evaluatedPrice: "Evaluated price",
    compliant: "Compliant",
    yes: "yes",
    no: "no",
    notRanked: "not ranked",
    warningsTitle: "Warnings",
    robustnessTitle: "How solid is the outcome?",
    robustnessSolid: "None of the small changes checked changes the winner.",
    warnRelative:
      "The price formula is relative: a bid's points depend on the other bids. One bid more or less can swap the order of two others. An absolute formula with fixed bounds avoids this.",
    warnScale:
      "Price weighs less than its published weight: the worst price still gets points, while quality can drop to zero.",
    warnLow: (bid: string) =>
      `Bid ${bid} is remarkably low. Ask the bidder to explain the price before you decide; it is no ground to reject it outright.`,
    warnLots: (bids: string) =>
      `Bids ${bids} are tied and no tie-breaker separates them: lots must be drawn.`,
    warnNoneCompliant: "No bid is compliant: there is no ranking.",
    removalWinner: (removed: string, winners: string) => `If bid ${removed} withdraws, ${winners} wins.`,
    removalReversal: (removed: string, ahead: string, behind: string, count: number) =>
      `If bid ${removed} withdraws, ${ahead} moves ahead of ${behind}${count > 1 ? ` (and ${count - 1} more pairs swap places)` : ""}.`,
    weightUp: (criterion: string, from: string, to: string, winner: string) =>
      `If ${criterion} is worth ${to} points instead of ${from}, bid ${winner} wins.`,
    weightDown: (criterion: string, from: string, to: string, winner: string) =>
      `If ${criterion} is worth only ${to} points instead of ${from}, bid ${winner} wins.`,
    valueUp: (criterion: string, from: string, to: string, winner: string) =>
      `If ${criterion} is worth ${to} instead of ${from}, bid ${winner} wins.`,
    valueDown: (criterion: string, from: string, to: string, winner: string) =>
      `If ${criterion} is worth only ${to} instead of ${from}, bid ${winner} wins.`,
    thePrice: "the price",
    tenderDetails: "Details",
    status: "Where it stands",
    edit: "Edit draft",
    publish: "Publish",
    published: "The tender has been published.",
    publishWarnings: "Publishing reported:",
    bidCountSealed: (n: number) =>
      n === 1
        ? "1 bid received. Bids stay sealed until you open them after the deadline."
        : `${n} bids received. Bids stay sealed until you open them after the deadline.`,
    open: "Open the bids",
    opened: "The bids have been opened.",
    lot: (id: string, title: string) => `Lot ${id}: ${title}`,
    bidsCaption: "Bids",
    supplier: "Supplier",
    price: "Price",
    sealed: "sealed",
    committeeScores: "Committee scores",
    scored: "scored",
    notScored: "not scored yet",
    score: "Score",
    scoreBid: (bid: string) => `Score bid ${bid}`,
    evaluate: "Calculate the ranking",
    evaluated: "The ranking has been calculated and stored.",
    viewEvaluation: "Ranking and award",
    scoringTitle: (bid: string) => `Score bid ${bid}`,
    scoringIntro:
      "Give a score and a justification per criterion. The justification is part of the record and is kept with any correction.",
    scoreLabel: (criterion: string, min: number, max: number) => `Score for ${criterion} (${min} to ${max})`,
    justification: (criterion: string) => `Justification for ${criterion}`,
    saveScores: "Save scores",
    scoresSaved: "The scores have been saved.",
    noCriteria: "This award model has no quality criteria to score.",
    backToTender: "Back to the tender",
    evaluationTitle: (reference: string) => `Ranking ${reference}`,
    evaluationNone: "No ranking has been calculated yet.",
    evaluationStale: "A score was corrected after this ranking. Calculate the ranking again before awarding.",
    evaluationMeta: (at: string, engine: string) => `Calculated on ${at} with ${engine}.`,
    evaluateAgain: "Calculate again",
    breakdownTitle: "Breakdown per bid",
    breakdownOf: (bid: string) => `Bid ${bid}`,
    pricePoints: "Price points",
    qualityPoints: "Quality points",
    srPoints: "Social return points",
    correctionsAdded: "Corrections",
    deductions: "Deductions for quality and social return",
    discounts: "Discounts",
    barPoints: (bid: string, price: string, quality: string, sr: string, total: string) =>
      `Bid ${bid}: ${price} points for price, ${quality} for quality, ${sr} for social return; total ${total}`,
    barValue: (bid: string, evaluated: string, discounts: string, deductions: string) =>
      `Bid ${bid}: evaluated price ${evaluated}, discounts ${discounts}, deductions ${deductions}`,
    figure: "Item",
    amount: "Amount or points",
    explanation: "Explanation",
    bidPrice: "Bid price",
    correctedPrice: "Corrected price",
    fictitiousPrice: "Fictitious price",
    source: (source: string, table: string) => `Source: ${source}${table ? ` (table ${table})` : ""}`,
    reasons: "Why not ranked",
    scoreCorrections: "Scores corrected after the prices were revealed",
    scoreCorrection: (bid: string, reason: string) => `Bid ${bid}: ${reason}`,
    intendedAward: "Intended award",
    intendedAwardTo: (bid: string, rank: number, from: string) =>
      `Intended award to bid ${bid} (rank ${rank}). The award may become final from ${from}.`,
    chooseBid: "To which bid?",
    bestRanked: "the best-ranked bid",
    awardReason: "Reason (needed when you do not award to the best bid)",
    recordIntended: "Record the intended award",
    intendedRecorded: "The intended award has been recorded.",
    finalAward: "Final award",
    awardFinal: "Award finally",
    awarded: "The contract has been awarded finally and created.",
    awardedTo: (bid: string, value: string) => `Awarded finally to bid ${bid} for ${value}.`,
    viewContract: "Go to the contract",
  },
});

export type OfficerMessages = (typeof officer)["nl"];
