/**
 * The method section of a report: the counting rules behind its figures, in Dutch and English. The
 * texts are part of the figures (and of their digest), so a changed text is a changed report.
 */

export interface MethodRule {
  id: string;
  text: { nl: string; en: string };
}

export const METHOD_RULES: readonly MethodRule[] = [
  {
    id: "accepted-in-period",
    text: {
      nl: "Een registratie telt mee in de periode waarin de laatste maand van haar rapportageperiode valt (2026: december, 2026-H1: juni, 2026-Q3: september, 2026-07: juli). Geaccepteerd in de periode is zo'n registratie die geaccepteerd is op het moment dat de cijfers worden berekend; in behandeling is ze zolang ze niet is beoordeeld, afgewezen als ze is afgewezen.",
      en: "An entry counts in the period that contains the last month of its reporting period (2026: December, 2026-H1: June, 2026-Q3: September, 2026-07: July). Accepted in the period means such an entry whose status is accepted when the figures are computed; it is pending while it awaits review, and rejected once rejected.",
    },
  },
  {
    id: "cumulative",
    text: {
      nl: "Cumulatief geaccepteerd, personen en tekort gelden aan het eind van de periode: alle geaccepteerde registraties waarvan de rapportageperiode uiterlijk in de laatste maand van de periode eindigt. Tekort = verplichting − cumulatief geaccepteerd, minimaal 0; realisatie = cumulatief geaccepteerd ÷ verplichting, in procenten met één decimaal. Een contract zonder verplichting heeft verplichting 0 en geen realisatiepercentage.",
      en: "Cumulative accepted, persons and shortfall are taken at the end of the period: every accepted entry whose reporting period ends in or before the period's last month. Shortfall = obligation − cumulative accepted, at least 0; fulfilment = cumulative accepted ÷ obligation, as a percentage with one decimal. A contract without an obligation has obligation 0 and no fulfilment percentage.",
    },
  },
  {
    id: "status",
    text: {
      nl: "Status, verwachte stand en prognose gelden aan het eind van de peildatum: de laatste dag van de periode, of de dag van berekening als die eerder valt. Verwacht = verplichting × verstreken deel van de contractperiode, afgerond op hele centen; de prognose zet het tempo tot nu toe lineair voort tot het contracteinde. Status, in deze volgorde: afgerekend (afrekening vastgelegd uiterlijk op de peildatum), gerealiseerd (cumulatief ≥ verplichting), tekort (contract afgelopen), op koers (cumulatief ≥ verwacht), achter. Is de grondslag van het beleid de gefactureerde omzet of de loonsom, dan is de verplichting die over de geaccepteerde bedragen tot nu toe: tot het contracteinde is verwacht dan die verplichting zelf, de status op koers of achter (nooit gerealiseerd) en is er geen prognose. Staat het beleid bundelen toe, dan tellen overboekingen tot en met de peildatum mee in tekort, realisatiepercentage en status: cumulatief − overgeboekt naar andere contracten + overgeboekt van andere contracten.",
      en: "Status, expected-by-now and projection are taken at the end of the status date: the period's last day, or the day of computation when that is earlier. Expected = obligation × elapsed share of the contract period, rounded to whole cents; the projection continues the pace so far linearly to the contract's end. Status, in this order: settled (settlement recorded on or before the status date), fulfilled (cumulative ≥ obligation), shortfall (contract ended), on track (cumulative ≥ expected), behind. When the policy's base is the invoiced turnover or the wage bill, the obligation is that on the amounts accepted so far: until the contract's end expected is that obligation itself, the status on track or behind (never fulfilled), and there is no projection. Where the policy allows pooling, transfers made up to the status date count in the shortfall, fulfilment and status: cumulative − pooled out + pooled in.",
    },
  },
  {
    id: "at-risk",
    text: {
      nl: "Een contract loopt risico als het niet is afgerekend en het cumulatief geaccepteerde meer dan het percentage uit het beleid (atRiskBehindPercent) achterblijft bij de verwachte stand, of als het binnen 3 maanden na de peildatum eindigt (of al is geëindigd) met een tekort.",
      en: "A contract is at risk when it is not settled and its cumulative accepted value falls behind the expected-by-now amount by more than the policy's percentage (atRiskBehindPercent), or when it ends within 3 months after the status date (or has ended) with a shortfall.",
    },
  },
  {
    id: "months",
    text: {
      nl: "Maanden tussen twee data (beide inclusief): hele kalendermaanden plus de resterende dagen als deel van de maand waarin ze vallen. FTE-maanden = FTE × getelde maanden. Maanden en FTE worden exact geteld en pas bij weergave afgerond op twee decimalen.",
      en: "Months between two dates (both inclusive): whole calendar months plus the remaining days as a share of the month they fall in. FTE-months = FTE × counted months. Months and FTE are counted exactly and rounded to two decimals only when shown.",
    },
  },
  {
    id: "maximum-counting-months",
    text: {
      nl: "Per kandidaat en bouwblok tellen maanden tot het maximum van het bouwblok; maanden daarboven worden gerapporteerd en getoond, maar niet geteld en niet gewaardeerd. Maanden die dezelfde kandidaat al in het bouwblok heeft, gaan voor.",
      en: "Per candidate and building block, months count up to the block's maximum; months beyond it are reported and shown, but neither counted nor valued. Months the same candidate already has in the block come first.",
    },
  },
  {
    id: "overlap",
    text: {
      nl: "Een kandidaat telt binnen een contract niet twee keer over overlappende data.",
      en: "A candidate is never counted twice in one contract over overlapping dates.",
    },
  },
  {
    id: "fte-cap",
    text: {
      nl: "Een kandidaat telt op geen enkele dag voor meer dan 1 FTE, opgeteld over alle contracten van de opdrachtnemer.",
      en: "A candidate never counts for more than 1 FTE on any day, added up over all of the supplier's contracts.",
    },
  },
  {
    id: "persons",
    text: {
      nl: "Personen: kandidaten met netto geaccepteerde maanden in een bouwblok; wie in twee bouwblokken werkt, telt in elk. Rapporten bevatten geen kandidaatreferenties, alleen aantallen.",
      en: "Persons: candidates with net accepted months in a building block; someone in two blocks counts in each. Reports contain no candidate references, only counts.",
    },
  },
  {
    id: "rounding",
    text: {
      nl: "Elke registratie wordt exact gewaardeerd en één keer afgerond op hele centen (half van nul af). Alle bedragen zijn hele centen en alle aantallen exact; elk totaal is precies de som van zijn regels. Percentages hebben één decimaal.",
      en: "Each entry is valued exactly and rounded once to whole cents (half away from zero). Every amount is whole cents and every count exact; every total is exactly the sum of its rows. Percentages have one decimal.",
    },
  },
  {
    id: "groups",
    text: {
      nl: "Per gemeente en per opdrachtnemer zijn de cijfers de som van hun contracten. Per doelgroep en per soort bouwblok zijn ze de som van de registraties; verplichting en tekort horen bij een contract als geheel en worden daar niet verdeeld. Registraties van bouwblokken zonder doelgroep staan onder 'other'.",
      en: "Per municipality and per supplier the figures are the sum of their contracts. Per target group and per building-block kind they are the sum of the entries; obligation and shortfall belong to a contract as a whole and are not split there. Entries of blocks without a target group are under 'other'.",
    },
  },
  {
    id: "previous-period",
    text: {
      nl: "De vorige periode is even lang en eindigt in de maand voor de periode begint; haar cijfers zijn op dezelfde manier berekend over dezelfde contracten.",
      en: "The previous period is as long and ends in the month before the period starts; its figures are computed the same way over the same contracts.",
    },
  },
  {
    id: "data-quality",
    text: {
      nl: "Signaleringen: registraties langer in behandeling dan de beoordelingstermijn van het beleid; registraties in de periode zonder bewijsstuk; contracten zonder registratie in de periode terwijl het beleid (rapportagefrequentie) er een vroeg voor een rapportageperiode die in de periode eindigde terwijl het contract liep; contracten gewaardeerd met meer dan één catalogusversie.",
      en: "Flags: entries pending longer than the policy's review limit; entries in the period without evidence; contracts without an entry in the period although the policy's reporting frequency asked for one for a reporting period that ended in the period while the contract ran; contracts valued with more than one catalogue version.",
    },
  },
];
