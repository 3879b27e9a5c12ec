import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  type ShouldRevalidateFunction,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput } from "~/components/forms";
import { MainNavigation } from "~/components/main-navigation";
import { useNavigationFocus } from "~/components/navigation-focus";
import { ROLE_LABELS, navigationFor } from "~/domain/roles";
import stylesheet from "~/styles/app.css";
import { currentUser } from "~/utils/auth.server";
import { csrfToken } from "~/utils/csrf.server";
import { errorTitle } from "~/utils/error-titles";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// On an error page the boundary sets its own title ("Not allowed · PeerPath"); two <title> elements would be invalid.
export const meta: MetaFunction = ({ error }) => (error ? [] : [{ title: "PeerPath" }]);

// Saving an exam answer changes nothing the layout shows: skip re-reading the user and navigation.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/answer") ? false : defaultShouldRevalidate;

export async function loader({ request }: LoaderFunctionArgs) {
  const [{ user, setCookie }, csrf] = await Promise.all([currentUser(request), csrfToken(request)]);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  return json(
    {
      csrfToken: csrf.token,
      user: user
        ? {
            name: user.name,
            email: user.email,
            roles: [...new Set(user.grants.map((grant) => ROLE_LABELS[grant.role]))],
          }
        : null,
      navigation: user ? navigationFor(user.grants) : [],
    },
    { headers },
  );
}

function Document({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="header-row">
        <Link to="/" className="brand">
          PeerPath
        </Link>
        {user ? (
          <div className="who">
            <span>
              Signed in as <strong>{user.name}</strong> ({user.roles.join(", ")})
            </span>
            <Form method="post" action="/logout">
              <CsrfInput />
              <button type="submit" className="link-button">
                Sign out
              </button>
            </Form>
          </div>
        ) : (
          <div className="who">
            <Link to="/login">Sign in</Link>
            <Link to="/signup">Sign up</Link>
          </div>
        )}
      </div>
      {data?.navigation.length ? <MainNavigation links={data.navigation} /> : null}
    </header>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  useNavigationFocus();
  return (
    <Document>
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>PeerPath: training and certification for peer recovery specialists.</p>
        <p>
          <Link to="/verify">Verify a credential</Link>
        </p>
      </footer>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  // The layout's data, when the root loader itself did not fail: a signed-in visitor keeps the
  // navigation and Sign out on an error page instead of being stranded on a bare one.
  const layout = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error)
    ? typeof error.data === "string" && error.data
      ? error.data
      : error.statusText
    : "Something went wrong on our side. Try again in a moment.";
  const title = errorTitle(status);
  return (
    <Document title={`${title} · PeerPath`}>
      {layout ? (
        <Header />
      ) : (
        <header className="site-header">
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <div className="header-row">
            <a href="/" className="brand">
              PeerPath
            </a>
          </div>
        </header>
      )}
      <main id="main" tabIndex={-1}>
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </main>
    </Document>
  );
}
