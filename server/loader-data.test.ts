// Loader data is read back by the patched router (patches/) from the JSON text json() made, instead of
// from the response body's stream. These tests hold it to what a page needs: the data arrives exactly
// as JSON would carry it, and a client's data request still gets the whole body.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// Loaded as the server loads it (CommonJS, through Remix), not through Vite's ESM resolution.
const require = createRequire(import.meta.url);
const { createStaticHandler, json } = require("@remix-run/router") as typeof import("@remix-run/router");

const data = { name: "Zoë Ortiz 🌱", hours: 12.25, issuedOn: new Date("2026-11-26T00:00:00Z"), note: undefined, items: [1, null] };
const asJson = JSON.parse(JSON.stringify(data)) as unknown;

function handlerReturning(response: () => Response) {
  let made: Response | undefined;
  const handler = createStaticHandler([{ id: "page", path: "/", loader: () => (made = response()) }]);
  return { handler, made: () => made! };
}

describe("loader data on the server (patched)", () => {
  it("gives the page the loader's data exactly as JSON carries it, without reading the body", async () => {
    const { handler, made } = handlerReturning(() => json(data, { headers: { "Cache-Control": "no-store" } }));
    const context = await handler.query(new Request("http://localhost/"));
    if (context instanceof Response) throw new Error("expected a render context");
    expect(context.loaderData.page).toEqual(asJson);
    expect(context.loaderHeaders.page?.get("Cache-Control")).toBe("no-store");
    expect(made().bodyUsed).toBe(false);
  });

  it("still reads other JSON responses from their body", async () => {
    const { handler } = handlerReturning(() => new Response(JSON.stringify(data), { headers: { "Content-Type": "application/json" } }));
    const context = await handler.query(new Request("http://localhost/"));
    if (context instanceof Response) throw new Error("expected a render context");
    expect(context.loaderData.page).toEqual(asJson);
  });

  it("sends a client's data request the whole JSON body", async () => {
    const { handler } = handlerReturning(() => json(data));
    const response = (await handler.queryRoute(new Request("http://localhost/"), { routeId: "page" })) as Response;
    expect(await response.json()).toEqual(asJson);
  });
});
