#!/usr/bin/env node
// A tiny static file server for the built app (dist/), bound to 127.0.0.1.
//
// As a module: `startStaticServer({ root, port })` resolves to
// `{ url, port, requests, close }`; `requests` records every request served
// (method, path, status). Port 0 (the default) lets the system pick a free
// port. As a program: `node scripts/static-server.mjs [root] [port]` serves
// `root` (default dist) on `port` (default 8080, or any free port if 8080 is
// taken) until interrupted, and prints the URL.
//
// Node's standard library only. Correct MIME types matter: browsers compile
// wasm while streaming only for `application/wasm`.

import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".sav": "application/octet-stream",
  ".dta": "application/octet-stream",
  ".webmanifest": "application/manifest+json",
};

function resolveFile(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root + sep)) return null; // no ../ escapes
  try {
    const st = statSync(full);
    if (st.isDirectory()) {
      const index = join(full, "index.html");
      return statSync(index).isFile() ? index : null;
    }
    return st.isFile() ? full : null;
  } catch {
    return null;
  }
}

export function startStaticServer({ root = "dist", port = 0, host = "127.0.0.1", quiet = true } = {}) {
  const absRoot = resolve(root);
  const requests = [];
  const server = createServer((req, res) => {
    const file = req.method === "GET" || req.method === "HEAD" ? resolveFile(absRoot, req.url) : null;
    const status = file ? 200 : req.method === "GET" || req.method === "HEAD" ? 404 : 405;
    requests.push({ method: req.method, path: req.url, status });
    if (!quiet) console.log(`${status} ${req.method} ${req.url}`);
    if (!file) {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(status === 404 ? "not found\n" : "method not allowed\n");
      return;
    }
    res.writeHead(200, {
      "content-type": MIME[extname(file).toLowerCase()] || "application/octet-stream",
      // kept by the browser but checked again on every use (and, without
      // validators, sent again): a rebuilt app is always seen, and the
      // service worker can take the files the page has loaded
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    const onError = (err) => {
      if (err.code === "EADDRINUSE" && port !== 0) {
        // The preferred port is taken: let the system pick a free one.
        server.listen(0, host);
      } else {
        reject(err);
      }
    };
    server.on("error", onError);
    server.once("listening", () => {
      server.off("error", onError);
      const actual = server.address().port;
      resolvePromise({
        url: `http://${host}:${actual}/`,
        port: actual,
        requests,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
    server.listen(port, host);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || "dist";
  const port = process.argv[3] === undefined ? 8080 : Number(process.argv[3]);
  const srv = await startStaticServer({ root, port, quiet: false });
  console.log(`semlab is served from ${resolve(root)} at ${srv.url} (Ctrl-C to stop)`);
  const stop = async () => {
    await srv.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
