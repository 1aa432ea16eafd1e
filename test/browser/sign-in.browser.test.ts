import { expect, it } from "vitest";
import { DEMO_SIGN_INS } from "../../lib/console/dev-sign-in.js";
import {
  chooseLanguage,
  describeWithBrowser,
  expectAccessible,
  signIn,
  useBrowser,
} from "../support/browser.js";
import { useDemoServer } from "../support/demo-server.js";

const server = useDemoServer(new Date("2026-03-02T09:00:00Z"), "console-sign-in");

describeWithBrowser("signing in to the console (development sign-in)", () => {
  const browser = useBrowser();

  it("sends a visitor to sign in and back to the page asked for", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    expect(page.url()).toBe(`${server.url}/console/sign-in?returnTo=%2Fconsole%2F`);
    await expectAccessible(page);
    await chooseLanguage(page, "en");
    await expectAccessible(page);
  });

  it.each(DEMO_SIGN_INS.map((c) => [c.role, c.org]))("signs in as %s of %s", async (role, org) => {
    const page = await browser.newPage();
    await signIn(page, server.url, role, org);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Overzicht");
    await expectAccessible(page);
  });
});
