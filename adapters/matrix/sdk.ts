/**
 * The one way into matrix-bot-sdk (every other file may only import its types).
 *
 * The SDK `require`s @matrix-org/matrix-sdk-crypto-nodejs as it loads, and that package's
 * native binary is downloaded at install time — impossible on machines without access to
 * GitHub (TOOLCHAIN.md, "Matrix crypto"). When it cannot load, a stand-in takes its place in
 * Node's module cache before the SDK loads: the bot then works in unencrypted rooms and says
 * plainly that this installation cannot read encrypted ones. Where the binary is present,
 * end-to-end encryption is available.
 */
import { createRequire, Module } from "node:module";
import type * as MatrixSdk from "matrix-bot-sdk";

const require = createRequire(import.meta.url);
const CRYPTO_PACKAGE = "@matrix-org/matrix-sdk-crypto-nodejs";

/** Why end-to-end encryption is unavailable, or undefined when it is available. */
export let cryptoProblem: string | undefined;

function loadCryptoOrStandIn(): void {
  // Resolve the crypto package the way the SDK itself does, from the SDK's own folder.
  const sdkRequire = createRequire(require.resolve("matrix-bot-sdk"));
  const path = sdkRequire.resolve(CRYPTO_PACKAGE);
  try {
    sdkRequire(CRYPTO_PACKAGE);
  } catch (error) {
    cryptoProblem =
      error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
    delete require.cache[path];
    const unavailable = () => {
      throw new Error(
        `end-to-end encryption is not available on this installation (${cryptoProblem})`,
      );
    };
    // Every member is a function (the SDK only references classes and enums at load time)
    // that fails loudly if encryption is ever attempted.
    const standIn = new Proxy(
      {},
      { get: (_target, name) => (name === "__esModule" ? false : unavailable) },
    );
    const module = new Module(path);
    module.filename = path;
    module.loaded = true;
    module.exports = standIn;
    require.cache[path] = module;
  }
}

loadCryptoOrStandIn();

/** matrix-bot-sdk, loaded after the crypto package (or its stand-in). */
export const sdk = require("matrix-bot-sdk") as typeof MatrixSdk;
