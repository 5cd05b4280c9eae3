/**
 * The deployment files (Dockerfile, deploy/compose.yaml, deploy/soliterr.service) cannot be
 * run here (no Docker, no systemd in the test): these tests read them and check that they
 * agree with each other, with package.json and with the configuration the bot reads.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, loadConfig } from "../../bot/config.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

const pkg = JSON.parse(read("package.json")) as {
  scripts: Record<string, string>;
  engines: { node: string };
  dependencies: Record<string, string>;
};
const dockerfile = read("Dockerfile");
const compose = read("deploy/compose.yaml");
const unit = read("deploy/soliterr.service");

/** The Dockerfile's stages, each as its lines (continuations joined). */
function stages(): { from: string; lines: string[] }[] {
  const lines = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const result: { from: string; lines: string[] }[] = [];
  for (const line of lines) {
    if (line.startsWith("FROM ")) result.push({ from: line, lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

/** `KEY=value` pairs of a Dockerfile ENV instruction (several per line). */
function dockerEnv(lines: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of lines.filter((l) => l.startsWith("ENV ")))
    for (const [, key, value] of line.matchAll(/([A-Z_]+)=(\S+)/g)) env[key!] = value!;
  return env;
}

/**
 * The entry file of `package.json`'s start script (`npm run build && node … dist/bot/main.js`):
 * deployments run the compiled bot with node itself, so that signals reach it directly.
 */
const start = /^npm run --silent build && node --enable-source-maps (\S+)$/.exec(
  pkg.scripts.start ?? "",
);

describe("the Dockerfile", () => {
  const [build, runtime, ...more] = stages();

  it("has a build stage and a slim runtime stage on the Node version package.json asks for", () => {
    expect(more).toEqual([]);
    expect(build?.from).toMatch(/^FROM node:\$\{NODE_VERSION\}-\S*slim AS build$/);
    expect(runtime?.from).toMatch(/^FROM node:\$\{NODE_VERSION\}-\S*slim AS runtime$/);
    const version = /ARG NODE_VERSION=(\d+)/.exec(dockerfile)?.[1];
    const minimum = /^>=(\d+)\./.exec(pkg.engines.node)?.[1];
    expect(Number(version)).toBeGreaterThanOrEqual(Number(minimum));
  });

  it("compiles better-sqlite3 in the build stage and copies the result, not the compiler", () => {
    expect(pkg.dependencies["better-sqlite3"]).toBeDefined();
    const install = build!.lines.find((l) => l.includes("npm ci"));
    expect(install).toContain("build_from_source=true");
    // The bot is compiled there, then the development tools are dropped.
    const stage = build!.lines.join("\n");
    expect(stage.indexOf("npm run build")).toBeGreaterThan(stage.indexOf("npm ci"));
    expect(stage.indexOf("npm prune --omit=dev")).toBeGreaterThan(stage.indexOf("npm run build"));
    expect(build!.lines.join("\n")).toMatch(/apt-get install .*python3 .*make .*g\+\+/);
    expect(runtime!.lines).toContain("COPY --from=build /app /app");
    expect(runtime!.lines.join("\n")).not.toContain("g++");
    // tsx runs the admin tool's TypeScript: it must be a production dependency.
    expect(pkg.dependencies.tsx).toBeDefined();
    expect(pkg.scripts.admin).toBe("node --import tsx bot/admin.ts");
  });

  it("runs package.json's entry point as an unprivileged user, with the data in the volume", () => {
    expect(start?.[1]).toBe("dist/bot/main.js");
    expect(runtime!.lines).toContain(`CMD ["node", "--enable-source-maps", "${start?.[1]}"]`);
    const user = runtime!.lines.find((l) => l.startsWith("USER "));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
    const env = dockerEnv(runtime!.lines);
    const volume = /^VOLUME \["(.+)"\]$/.exec(
      runtime!.lines.find((l) => l.startsWith("VOLUME")) ?? "",
    )?.[1];
    expect(volume).toBe("/data");
    expect(env.DATABASE_PATH?.startsWith(`${volume}/`)).toBe(true);
    expect(env.MATRIX_CRYPTO_STORE?.startsWith(`${volume}/`)).toBe(true);
    // The configuration accepts the image's settings as they are.
    expect(loadConfig(env)).toMatchObject({
      databasePath: env.DATABASE_PATH,
      health: { host: "127.0.0.1", port: Number(env.HEALTH_PORT) },
    });
  });

  it("checks its health on the health endpoint it turns on", () => {
    const check = runtime!.lines.find((l) => l.startsWith("HEALTHCHECK"));
    expect(check).toContain("process.env.HEALTH_PORT + '/health'");
    expect(dockerEnv(runtime!.lines).HEALTH_PORT).toMatch(/^\d+$/);
    expect(runtime!.lines).toContain("STOPSIGNAL SIGTERM");
  });

  it("keeps data, secrets and installed modules out of the image", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim());
    for (const entry of ["node_modules", "data", ".env", ".git", "*.db"])
      expect(ignored).toContain(entry);
    // …but not what the bot needs at run time.
    for (const needed of ["bot", "adapters", "commands", "storage", "locales", "package.json"])
      expect(ignored).not.toContain(needed);
  });
});

describe("the compose example", () => {
  it("builds the repository's Dockerfile and keeps the database in a named volume", () => {
    const context = /context: (\S+)/.exec(compose)?.[1];
    const dockerfileName = /dockerfile: (\S+)/.exec(compose)?.[1];
    expect(existsSync(join(ROOT, "deploy", context!, dockerfileName!))).toBe(true);
    const mount = /- (soliterr-data):(\S+)/.exec(compose);
    expect(mount?.[2]).toBe("/data");
    expect(compose).toMatch(new RegExp(`^volumes:\\n  ${mount?.[1]}:`, "m"));
    expect(/DATABASE_PATH: (\S+)/.exec(compose)?.[1]).toBe("/data/soliterr.db");
    expect(
      existsSync(
        join(ROOT, "deploy", /env_file: (\S+)/.exec(compose)![1]!.replace(".env", ".env.example")),
      ),
    ).toBe(true);
  });

  it("gives the graceful stop more time than it may take", () => {
    const drain = Number(/SHUTDOWN_DRAIN_SECONDS: "(\d+)"/.exec(compose)?.[1]);
    const grace = Number(/stop_grace_period: (\d+)s/.exec(compose)?.[1]);
    // The drain, then up to 5 s for deliveries in flight.
    expect(grace).toBeGreaterThan(drain + 5);
  });
});

describe("the systemd unit", () => {
  const setting = (key: string) =>
    [...unit.matchAll(new RegExp(`^${key}=(.*)$`, "gm"))].map((m) => m[1]!);

  it("runs package.json's entry point with node as an unprivileged user", () => {
    expect(setting("ExecStart")).toEqual([`/usr/bin/node --enable-source-maps ${start?.[1]}`]);
    expect(setting("User")[0]).toMatch(/^[a-z]+$/);
    expect(setting("User")[0]).not.toBe("root");
  });

  it("keeps the database in its state directory and gives the stop enough time", () => {
    const state = setting("StateDirectory")[0];
    const env: Record<string, string> = Object.fromEntries(
      setting("Environment").map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
    );
    expect(env.DATABASE_PATH).toBe(`/var/lib/${state}/soliterr.db`);
    expect(loadConfig(env).databasePath).toBe(env.DATABASE_PATH);
    expect(setting("KillSignal")).toEqual(["SIGTERM"]);
    expect(Number(setting("TimeoutStopSec")[0])).toBeGreaterThan(5 + 5);
  });

  it("is hardened", () => {
    for (const [key, value] of [
      ["NoNewPrivileges", "yes"],
      ["ProtectSystem", "strict"],
      ["ProtectHome", "yes"],
      ["PrivateTmp", "yes"],
      ["PrivateDevices", "yes"],
      ["CapabilityBoundingSet", ""],
      ["RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"],
      ["SystemCallFilter", "@system-service"],
    ])
      expect(setting(key!), key).toEqual([value]);
  });
});

describe("the configuration's documentation", () => {
  const example = read(".env.example");
  const readme = read("README.md");

  it("names every variable in .env.example and in the README, and no other", () => {
    const inExample = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(inExample)].sort()).toEqual([...CONFIG_VARIABLES].sort());
    // The general ones in the configuration table, the platforms' in their sections.
    const table = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` /gm)].map((m) => m[1]!);
    expect(table.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    for (const name of ["HEALTH_PORT", "HEALTH_HOST", "SHUTDOWN_DRAIN_SECONDS"])
      expect(table).toContain(name);
    for (const name of CONFIG_VARIABLES) expect(readme, name).toContain(`\`${name}`);
  });

  it("mentions only variables the bot reads in the deployment files", () => {
    const used = [
      ...`${dockerfile}\n${compose}\n${unit}`.matchAll(/\b([A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/g),
    ]
      .map((m) => m[1]!)
      // Build arguments, Node's own variable, address families of the systemd unit.
      .filter((name) => !["NODE_VERSION", "NODE_ENV"].includes(name) && !name.startsWith("AF_"));
    expect([...new Set(used)].filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
  });
});
