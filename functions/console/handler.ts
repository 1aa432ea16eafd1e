import { consoleHandler } from "../../lib/console/handler.js";
import { CONSOLE_NAV, CONSOLE_PAGES } from "../../lib/console/pages.js";
import { chooseSignIn } from "../../lib/console/sign-in-choice.js";
import type { HttpHandler } from "../../lib/http/endpoint.js";
import { dispatcher } from "../../lib/local/server.js";
import { areaHandlers } from "../areas.js";

/**
 * The web console's function: every /console/ page, rendered on the server. Its API is the areas'
 * own handlers, called in-process with the signed-in user's token.
 */
let serve: HttpHandler | undefined;
export const handler: HttpHandler = async (event, context) => {
  serve ??= consoleHandler({
    invoke: dispatcher(areaHandlers),
    pages: CONSOLE_PAGES,
    nav: CONSOLE_NAV,
    signIn: await chooseSignIn(),
  });
  return serve(event, context);
};
