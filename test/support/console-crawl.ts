import type { Page } from "playwright-core";

/** Where the crawl never goes: signing in or out, switching language, assets, files to download. */
const SKIPPED = [
  /^\/console\/sign-(in|out)/,
  /^\/console\/language/,
  /^\/console\/assets\//,
  /^\/console\/auth\//,
];
const DOWNLOAD = /\.(pdf|csv|json|zip|png|svg)$|\/download(\/|$)/;

/**
 * A page's shape: its path with the segments that look like ids (capitals, digits or underscores, or a
 * hyphenated word below the area's own pages) as `*`, and its query's names without their values. The
 * crawl visits a few pages of each shape, so forty contracts cost no more than two.
 */
export function shapeOf(url: URL): string {
  const segments = url.pathname
    .split("/")
    .map((s, i) => (/[A-Z0-9_]/.test(s) || (i >= 4 && s.includes("-")) ? "*" : s));
  const names = [...new Set(url.searchParams.keys())].filter((k) => k !== "notice").sort();
  return `${segments.join("/")}?${names.join("&")}`;
}

export interface CrawlOptions {
  /** At most this many pages in all (default 40) and of one shape (default 2). */
  limit?: number;
  perShape?: number;
}

/**
 * Every same-origin GET link under /console/ reachable from the home page, breadth first: `visit` runs
 * on each page once it has loaded, and a page that answers an error status is reported. Returns the
 * URLs visited with their status.
 */
export async function crawlConsole(
  page: Page,
  baseUrl: string,
  visit: (page: Page, url: string) => Promise<void>,
  options: CrawlOptions = {},
): Promise<{ url: string; status: number }[]> {
  const limit = options.limit ?? 40;
  const perShape = options.perShape ?? 2;
  const origin = new URL(baseUrl).origin;
  const queue = [`${origin}/console/`];
  const seen = new Set(queue);
  const shapes = new Map<string, number>();
  const visited: { url: string; status: number }[] = [];
  while (queue.length && visited.length < limit) {
    const url = queue.shift()!;
    const shape = shapeOf(new URL(url));
    if ((shapes.get(shape) ?? 0) >= perShape) continue;
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    const response = await page.goto(url);
    visited.push({ url, status: response?.status() ?? 0 });
    await visit(page, url);
    const links = await page.$$eval("a[href]", (anchors) =>
      anchors.filter((a) => !a.hasAttribute("download")).map((a) => (a as HTMLAnchorElement).href),
    );
    for (const href of links) {
      const target = new URL(href);
      target.hash = "";
      target.searchParams.delete("notice");
      if (target.origin !== origin || !target.pathname.startsWith("/console/")) continue;
      if (SKIPPED.some((p) => p.test(target.pathname)) || DOWNLOAD.test(target.pathname)) continue;
      if (seen.has(target.href)) continue;
      seen.add(target.href);
      queue.push(target.href);
    }
  }
  return visited;
}
