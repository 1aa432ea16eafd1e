import { bilingual } from "../i18n.js";
import { wizardMessages } from "./wizard-messages.js";
import { evaluationMessages } from "./evaluation-messages.js";

/** The officer's tender pages, in Dutch and English. */
export const officer = bilingual({
  nl: {
    ...wizardMessages.nl,
    ...evaluationMessages.nl,
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
  },
  en: {
    ...wizardMessages.en,
    ...evaluationMessages.en,
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
  },
});

export type OfficerMessages = (typeof officer)["nl"];
