import { bilingual } from "../i18n.js";

export const inviteMessages = bilingual({
  nl: {
    nav: "Gebruiker uitnodigen",
    title: "Gebruiker uitnodigen",
    intro:
      "Nodig iemand uit om voor een organisatie te werken. De rol volgt uit de soort organisatie: inkoper bij een gemeente, leverancier bij een leverancier, auditor bij een regio-orgaan, beheerder bij de beheerorganisatie. De uitgenodigde krijgt een e-mail met een tijdelijk wachtwoord.",
    organisation: "Organisatie",
    email: "E-mailadres",
    emailHint: "Hiermee logt de gebruiker in.",
    submit: "Uitnodigen",
    invited: (email: string, role: string) => `${email} is uitgenodigd als ${role}.`,
    kind: (kind: string) =>
      ({
        municipality: "gemeente",
        supplier: "leverancier",
        "region-body": "regio-orgaan",
        operator: "beheer",
      })[kind] ?? kind,
  },
  en: {
    nav: "Invite a user",
    title: "Invite a user",
    intro:
      "Invite someone to work for an organisation. The role follows from the kind of organisation: officer at a municipality, supplier at a supplier, auditor at a region body, admin at the operator. The invitee receives an e-mail with a temporary password.",
    organisation: "Organisation",
    email: "E-mail address",
    emailHint: "The user signs in with it.",
    submit: "Invite",
    invited: (email: string, role: string) => `${email} has been invited as ${role}.`,
    kind: (kind: string) =>
      ({
        municipality: "municipality",
        supplier: "supplier",
        "region-body": "region body",
        operator: "operator",
      })[kind] ?? kind,
  },
});
