import { bilingual } from "./i18n.js";

/** The words of Cognito's sign-in pages in the console (callback failures, signed out). */
export const cognitoMessages = bilingual({
  nl: {
    signedOutTitle: "U bent uitgelogd",
    signedOutText:
      "U bent uitgelogd bij Impact-aanbesteden. Sluit de browser als u een gedeelde computer gebruikt.",
    signInAgain: "Opnieuw inloggen",
    failedTitle: "Inloggen is niet gelukt",
    expiredText:
      "Het inloggen is verlopen of in een ander venster begonnen. Begin opnieuw; het duurt maar even.",
    refusedText: "Het inloggen is afgebroken of geweigerd.",
    unavailableText: (id: string) =>
      `Het inloggen kon niet worden afgerond. Probeer het later opnieuw; noem bij vragen kenmerk ${id}.`,
    noRoleText:
      "Uw account heeft geen rol of organisatie. Vraag de beheerder van uw organisatie u opnieuw uit te nodigen.",
  },
  en: {
    signedOutTitle: "You are signed out",
    signedOutText:
      "You have signed out of Impact Procurement. Close the browser if you use a shared computer.",
    signInAgain: "Sign in again",
    failedTitle: "Signing in did not work",
    expiredText:
      "Signing in expired or was started in another window. Please start again; it only takes a moment.",
    refusedText: "Signing in was cancelled or refused.",
    unavailableText: (id: string) =>
      `Signing in could not be completed. Please try again later; quote reference ${id} if you contact us.`,
    noRoleText:
      "Your account has no role or organisation. Ask your organisation's administrator to invite you again.",
  },
});
