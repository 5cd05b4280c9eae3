/** Matrix failures as the core's one `DeliveryError`, so that the outbox knows whether to retry. */
import { DeliveryError } from "../types.js";

interface HttpFailure {
  statusCode?: number;
  errcode?: string;
  retryAfterMs?: number;
  body?: { errcode?: string; error?: string; retry_after_ms?: number };
  message?: string;
}

/** Maps an error of the SDK (a MatrixError, a raw response, a network error) to a DeliveryError. */
export function deliveryError(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = (typeof error === "object" && error !== null ? error : {}) as HttpFailure;
  const status = failure.statusCode;
  const errcode = failure.errcode ?? failure.body?.errcode;
  const detail =
    `${what}: ${status ?? "no answer"} ${errcode ?? ""} ${failure.body?.error ?? failure.message ?? ""}`.trim();
  if (status === 429 || errcode === "M_LIMIT_EXCEEDED") {
    return new DeliveryError(
      detail,
      "rate-limited",
      failure.retryAfterMs ?? failure.body?.retry_after_ms ?? 5000,
    );
  }
  if (status === undefined || status >= 500) return new DeliveryError(detail, "network");
  return new DeliveryError(detail, "rejected");
}

/** Whether an error is the homeserver refusing the access token. */
export function isBadToken(error: unknown): boolean {
  const failure = (typeof error === "object" && error !== null ? error : {}) as HttpFailure;
  return (
    failure.statusCode === 401 ||
    failure.errcode === "M_UNKNOWN_TOKEN" ||
    failure.errcode === "M_MISSING_TOKEN"
  );
}
