import type { ComponentChildren } from "preact";
import { Link } from "./components.js";
import { inLang, type Lang } from "./i18n.js";
import { common, roleName } from "./messages.js";
import type { NavItem } from "./page.js";
import type { ConsoleSession } from "./session.js";

export interface LayoutProps {
  title: string;
  lang: Lang;
  url: string;
  path: string;
  stylesheet: string;
  favicon: string;
  session: ConsoleSession | undefined;
  nav: readonly NavItem[];
  children: ComponentChildren;
}

/** The page frame: skip link, header with the role's navigation and the language switch, main, footer. */
export function Layout({ title, lang, url, path, stylesheet, favicon, session, nav, children }: LayoutProps) {
  const m = inLang(common, lang);
  const other: Lang = lang === "nl" ? "en" : "nl";
  const links = session ? nav.filter((item) => item.roles.includes(session.role as never)) : [];
  return (
    <html lang={lang} class="utrecht-theme ip-theme">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${m.appName}`}</title>
        <link rel="stylesheet" href={stylesheet} />
        <link rel="icon" href={favicon} type="image/svg+xml" />
      </head>
      <body class="utrecht-document utrecht-body">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {m.skipToContent}
        </a>
        <header class="ip-header">
          <div class="ip-page ip-header__bar">
            <a class="ip-header__name" href="/console/">
              {m.appName}
            </a>
            {links.length ? (
              <nav class="ip-nav" aria-label={m.mainNav}>
                <ul>
                  {links.map((item) => (
                    <li>
                      <Link href={item.href} current={item.href === path}>
                        {item.label[lang]}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <div class="ip-user">
              <a
                class="utrecht-link utrecht-link--html-a"
                href={`/console/language?to=${other}&back=${encodeURIComponent(url)}`}
                hreflang={other}
                lang={other}
                aria-label={m.otherLanguageLabel}
              >
                {m.otherLanguage}
              </a>
              {session ? (
                <>
                  <span>{m.signedInAs(roleName(session.role, m), session.org)}</span>
                  <form method="post" action="/console/sign-out">
                    <input type="hidden" name="_csrf" value={session.csrf} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      {m.signOut}
                    </button>
                  </form>
                </>
              ) : null}
            </div>
          </div>
        </header>
        <main id="main" class="ip-page ip-main" tabindex={-1}>
          {children}
        </main>
        <footer class="ip-footer">
          <div class="ip-page">
            <p class="utrecht-paragraph">
              {m.footer} <Link href="/v1/docs">{m.apiReference}</Link>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
