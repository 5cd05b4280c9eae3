/**
 * Request decoding for the Telegram fake: JSON, urlencoded and multipart bodies, and typed readers
 * for parameters (multipart sends every value as a string, objects as JSON).
 */
import type { IncomingMessage } from "node:http";
import { bad } from "./telegram-types.js";

/** Parameters of a Bot API call, as decoded from the request. */
export type Params = Record<string, unknown>;

/** A file part of a multipart request. */
export class UploadedFile {
  constructor(
    /** File name given by the client. */
    readonly file_name: string,
    /** Content type given by the client (grammY always says application/octet-stream). */
    readonly content_type: string,
    /** The bytes. */
    readonly data: Buffer,
  ) {}
  /** Size in bytes. */
  get size(): number {
    return this.data.length;
  }
  /** Keeps recorded calls readable. */
  toJSON(): Record<string, unknown> {
    return { file_name: this.file_name, size: this.size, content_type: this.content_type };
  }
}

/** Reads a whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parses multipart/form-data by hand: Node 20's `Request.formData()` rejects the form grammY
 * writes (`content-disposition:form-data;name="x"`, unquoted `filename=`).
 */
export function parseMultipart(body: Buffer, contentType: string): Params {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw bad("can't parse multipart/form-data: no boundary");
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const nextDelimiter = Buffer.concat([Buffer.from("\r\n"), delimiter]);
  const params: Params = {};
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw bad("can't parse multipart/form-data: no part");
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    const end = headerEnd < 0 ? -1 : body.indexOf(nextDelimiter, headerEnd + 4);
    if (end < 0) throw bad("can't parse multipart/form-data: truncated part");
    const headers = new Map<string, string>();
    for (const line of body.subarray(pos, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0)
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get("content-disposition") ?? "";
    const name = /(?:^|;)\s*name=(?:"([^"]*)"|([^;\s]*))/i.exec(disposition);
    if (!name) throw bad("can't parse multipart/form-data: part without a name");
    const starred = /(?:^|;)\s*filename\*=(?:UTF-8'[^']*')?([^;]+)/i.exec(disposition);
    const plain = /(?:^|;)\s*filename=(?:"([^"]*)"|(.*))$/i.exec(disposition);
    const filename = starred?.[1]
      ? decodeURIComponent(starred[1])
      : (plain?.[1] ?? plain?.[2]?.trim());
    const content = body.subarray(headerEnd + 4, end);
    params[name[1] ?? name[2] ?? ""] =
      filename === undefined
        ? content.toString("utf8")
        : new UploadedFile(
            filename,
            headers.get("content-type") ?? "application/octet-stream",
            Buffer.from(content),
          );
    pos = end + 2;
  }
  return params;
}

/** Decodes the parameters of a call from its query string and body. */
export function decodeParams(url: URL, contentType: string, body: Buffer): Params {
  const params: Params = Object.fromEntries(url.searchParams);
  if (body.length === 0) return params;
  if (/^multipart\/form-data/i.test(contentType))
    return { ...params, ...parseMultipart(body, contentType) };
  if (/^application\/x-www-form-urlencoded/i.test(contentType))
    return { ...params, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw bad("can't parse JSON object");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw bad("parameters must be a JSON object");
  return { ...params, ...(json as Params) };
}

/** A plain object (not an array). */
export function isObject(value: unknown): value is Params {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An integer parameter (numbers or numeric strings). */
export function readInt(p: Params, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === "") return undefined;
  const n =
    typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw bad(`field "${name}" must be of type Integer`);
  return n;
}

/** A string parameter (numbers and booleans are stringified, as Telegram does). */
export function readString(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw bad(`field "${name}" must be of type String`);
}

/** A boolean parameter (`true`, `"true"`, `1`). */
export function readBool(p: Params, name: string): boolean {
  const v = p[name];
  return v === true || v === "true" || v === 1 || v === "1";
}

/** An object or array parameter, given directly or as a JSON string. */
export function readJson(p: Params, name: string): unknown {
  const v = p[name];
  if (typeof v !== "string") return v === null ? undefined : v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    throw bad(`can't parse ${name} JSON object`);
  }
}

const MIME_BY_EXTENSION: Record<string, string> = {
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
  pdf: "application/pdf",
  html: "text/html",
  zip: "application/zip",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The mime type Telegram reports: the client's, or guessed from the file name. */
export function mimeTypeOf(file: UploadedFile): string {
  if (file.content_type !== "application/octet-stream") return file.content_type;
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.file_name)?.[1]?.toLowerCase() ?? "";
  return MIME_BY_EXTENSION[extension] ?? "application/octet-stream";
}

/** Width and height of a PNG, JPEG, GIF or WebP image; undefined if the bytes are not one. */
export function imageSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47)
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data.length >= 10 && data.toString("latin1", 0, 4) === "GIF8")
    return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  const isJpeg = data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  const isWebp = data.length > 12 && data.toString("latin1", 8, 12) === "WEBP";
  // Telegram rescales anyway; the fake does not decode these formats' dimensions.
  return isJpeg || isWebp ? { width: 800, height: 600 } : undefined;
}
