import { bilingual } from "./i18n.js";

/** The layout's and the shared pages' words; each role's pages keep their own messages beside them. */
export const common = bilingual({
  nl: {
    appName: "Impact-aanbesteden",
    skipToContent: "Naar de inhoud",
    mainNav: "Hoofdmenu",
    signedInAs: (role: string, org: string) => `Ingelogd als ${role} van ${org}`,
    signOut: "Uitloggen",
    language: "Taal",
    otherLanguage: "English",
    otherLanguageLabel: "Switch to English",
    home: "Overzicht",
    roleOfficer: "inkoper",
    roleSupplier: "leverancier",
    roleAuditor: "auditor",
    roleAdmin: "beheerder",
    errorSummaryTitle: "Er is een probleem",
    notFoundTitle: "Pagina niet gevonden",
    notFoundText: "Deze pagina bestaat niet, of u heeft er geen toegang toe.",
    forbiddenTitle: "Geen toegang",
    forbiddenText: "Uw rol heeft geen toegang tot deze pagina.",
    formExpiredTitle: "Formulier verlopen",
    formExpiredText:
      "Het formulier is verlopen of niet van deze site. Open de pagina opnieuw en probeer het nog eens.",
    errorTitle: "Er ging iets mis",
    errorText: (id: string) =>
      `Er ging aan onze kant iets mis. Probeer het later opnieuw; noem bij vragen kenmerk ${id}.`,
    backHome: "Terug naar het overzicht",
    footer: "Impact-aanbesteden: gunnen op maatschappelijke waarde, social return uniform verantwoord.",
    apiReference: "API-documentatie",
    signInTitle: "Inloggen",
    signInIntro: "Kies een organisatie en rol om mee in te loggen.",
    signInDevNotice:
      "Ontwikkelomgeving: u logt in met de lokale ontwikkelsleutel. Deze pagina bestaat niet in AWS.",
    signInAs: (role: string, org: string) => `Inloggen als ${role} van ${org}`,
    signInUnavailable: "Inloggen is op deze omgeving niet ingericht.",
    signedOut: "U bent uitgelogd.",
    homeTitle: "Overzicht",
    homeIntro: (role: string, org: string) => `Welkom. U werkt als ${role} voor ${org}.`,
  },
  en: {
    appName: "Impact procurement",
    skipToContent: "Skip to content",
    mainNav: "Main menu",
    signedInAs: (role: string, org: string) => `Signed in as ${role} of ${org}`,
    signOut: "Sign out",
    language: "Language",
    otherLanguage: "Nederlands",
    otherLanguageLabel: "Naar Nederlands",
    home: "Overview",
    roleOfficer: "procurement officer",
    roleSupplier: "supplier",
    roleAuditor: "auditor",
    roleAdmin: "administrator",
    errorSummaryTitle: "There is a problem",
    notFoundTitle: "Page not found",
    notFoundText: "This page does not exist, or you have no access to it.",
    forbiddenTitle: "No access",
    forbiddenText: "Your role has no access to this page.",
    formExpiredTitle: "Form expired",
    formExpiredText: "The form has expired or did not come from this site. Open the page again and retry.",
    errorTitle: "Something went wrong",
    errorText: (id: string) =>
      `Something went wrong on our side. Please try again later; quote reference ${id}.`,
    backHome: "Back to the overview",
    footer: "Impact procurement: award on social value, report social return uniformly.",
    apiReference: "API reference",
    signInTitle: "Sign in",
    signInIntro: "Choose an organisation and role to sign in with.",
    signInDevNotice:
      "Development environment: you sign in with the local development key. This page does not exist in AWS.",
    signInAs: (role: string, org: string) => `Sign in as ${role} of ${org}`,
    signInUnavailable: "Signing in is not set up in this environment.",
    signedOut: "You have signed out.",
    homeTitle: "Overview",
    homeIntro: (role: string, org: string) => `Welcome. You work as ${role} for ${org}.`,
  },
});

export const roleName = (role: string, m: (typeof common)["nl"]): string =>
  ({ officer: m.roleOfficer, supplier: m.roleSupplier, auditor: m.roleAuditor, admin: m.roleAdmin })[role] ??
  role;
