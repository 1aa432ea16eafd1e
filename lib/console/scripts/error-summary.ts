/// <reference lib="dom" />
/**
 * A form that came back with errors: move focus to its error summary, so a screen reader reads it
 * first and a keyboard user starts from the links to the fields. Without script the summary is still
 * at the top of the page, announced by its alert role.
 */
const summary = document.getElementById("error-summary");
if (summary) summary.focus();
