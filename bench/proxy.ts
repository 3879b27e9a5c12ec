// A small round-robin HTTP proxy on loopback, for the --two-instances mode: each request goes to the
// next app instance in turn, over kept-alive connections, the way a load balancer without sticky
// sessions would. Only 127.0.0.1 targets are accepted.
//
//   npx tsx bench/proxy.ts --port 8080 --target 127.0.0.1:3001 --target 127.0.0.1:3002
import http from "node:http";
import { pathToFileURL } from "node:url";

export type ProxyTarget = { host: "127.0.0.1"; port: number };

// Hop-by-hop headers (RFC 9110 7.6.1) belong to one connection and are not forwarded.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

function forwardable(headers: http.IncomingHttpHeaders) {
  const result: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) result[name] = value;
  return result;
}

export function parseTarget(text: string): ProxyTarget {
  const match = /^(?:http:\/\/)?(127\.0\.0\.1|localhost):(\d{1,5})\/?$/.exec(text);
  if (!match) throw new Error(`Proxy target ${text}: only 127.0.0.1:<port> targets are allowed.`);
  return { host: "127.0.0.1", port: Number(match[2]) };
}

export function startProxy(options: { port: number; targets: ProxyTarget[] }): Promise<http.Server> {
  if (!options.targets.length) throw new Error("The proxy needs at least one target.");
  const agents = options.targets.map(() => new http.Agent({ keepAlive: true, maxSockets: 256 }));
  let next = 0;
  const server = http.createServer((request, response) => {
    const index = next;
    next = (next + 1) % options.targets.length;
    const target = options.targets[index]!;
    const upstream = http.request(
      {
        host: target.host,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...forwardable(request.headers), "x-forwarded-for": request.socket.remoteAddress ?? "127.0.0.1" },
        agent: agents[index],
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardable(answer.headers));
        answer.pipe(response);
      },
    );
    upstream.on("error", (error) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end(`proxy: ${error.message}`);
    });
    request.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve(server));
  });
}

async function main() {
  const args = process.argv.slice(2);
  let port = 0;
  const targets: ProxyTarget[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--port") port = Number(args[++i]);
    else if (args[i] === "--target") targets.push(parseTarget(args[++i] ?? ""));
    else throw new Error(`Unknown argument ${args[i]}. Usage: --port N --target 127.0.0.1:PORT [--target ...]`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error("--port must be a port number");
  const server = await startProxy({ port, targets });
  console.log(`Proxy listening on http://127.0.0.1:${port}, round robin over ${targets.map((t) => `${t.host}:${t.port}`).join(", ")}`);
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // Kept-alive client connections would hold close() open; end them too.
  process.on("SIGTERM", () => server.closeAllConnections());
  process.on("SIGINT", () => server.closeAllConnections());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
