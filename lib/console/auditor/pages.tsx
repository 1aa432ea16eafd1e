import { Alert, Heading, Link, Paragraph } from "../components.js";
import { inLang } from "../i18n.js";
import { common } from "../messages.js";
import type { ConsolePage, HtmlResult, NavItem, PageContext } from "../page.js";
import { AtRiskTable, KeyFigures, regionFigures } from "./dashboard.js";
import { dashboardPage } from "./dashboard.js";
import { auditorMessages } from "./messages.js";
import { formatMonth, periodOf, problemPage, regionOf } from "./region.js";
import { reportPages } from "./reports.js";
import { rulePages } from "./rules.js";

const AUDITOR = ["auditor"] as const;

/** The auditor's pages under /console/. */
export const auditorPages: ConsolePage[] = [
  { method: "GET", path: "/console/region", access: AUDITOR, handle: dashboardPage },
  ...rulePages(AUDITOR),
  ...reportPages(AUDITOR),
];

const label = (key: "navDashboard" | "navRules" | "navReports") => ({
  nl: auditorMessages.nl[key],
  en: auditorMessages.en[key],
});

/** The auditor's links in the header. */
export const auditorNav: NavItem[] = [
  { href: "/console/region", label: label("navDashboard"), roles: AUDITOR },
  { href: "/console/rules", label: label("navRules"), roles: AUDITOR },
  { href: "/console/reports", label: label("navReports"), roles: AUDITOR },
];

/** The auditor's overview at /console/: the year so far at a glance, and where each task is. */
export async function auditorHome(ctx: PageContext): Promise<HtmlResult> {
  const c = inLang(common, ctx.lang);
  const m = inLang(auditorMessages, ctx.lang);
  const region = await regionOf(ctx);
  if ("problem" in region) return problemPage(ctx, c.homeTitle, region.problem);
  const { from, to } = periodOf({ ...ctx, query: new URLSearchParams() });
  const figures = await regionFigures(ctx, region.regionId, from, to);
  return {
    title: c.homeTitle,
    body: (
      <>
        <Heading level={1}>{c.homeTitle}</Heading>
        <Paragraph lead>{m.homeRegion(figures.ok ? figures.body.region.name : region.regionId)}</Paragraph>
        <Heading level={2}>{m.homeTasksTitle}</Heading>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item">
            <Link href="/console/region">{m.navDashboard}</Link>: {m.homeDashboardLink}
          </li>
          <li class="utrecht-unordered-list__item">
            <Link href="/console/rules">{m.navRules}</Link>: {m.homeRulesLink}
          </li>
          <li class="utrecht-unordered-list__item">
            <Link href="/console/reports">{m.navReports}</Link>: {m.homeReportsLink}
          </li>
        </ul>
        {figures.ok ? (
          <>
            <Heading level={2}>
              {m.homeFiguresTitle(formatMonth(from, ctx.lang), formatMonth(to, ctx.lang))}
            </Heading>
            <KeyFigures figures={figures.body} lang={ctx.lang} />
            <Heading level={2}>{m.homeAtRiskTitle}</Heading>
            {figures.body.atRisk.length ? (
              <AtRiskTable figures={figures.body} lang={ctx.lang} />
            ) : (
              <Paragraph>{m.homeNoAtRisk}</Paragraph>
            )}
          </>
        ) : (
          <Alert kind="warning">
            <Paragraph>{m.apiProblem(figures.problem.detail ?? figures.problem.title)}</Paragraph>
          </Alert>
        )}
      </>
    ),
  };
}
