import { bilingual } from "../i18n.js";

/** The tender wizard's words, in Dutch and English. */
export const wizardMessages = bilingual({
  nl: {
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
  },
  en: {
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
  },
});
