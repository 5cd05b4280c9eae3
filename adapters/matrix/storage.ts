/**
 * matrix-bot-sdk's storage, kept in the bot's database. The sync token is the adapter's
 * position in the event stream: the SDK hands it over after processing a sync (it is told to
 * persist after processing), and the adapter's event handlers have committed every event of
 * that sync by then — so a crash never skips an event, and the pipeline de-duplicates those
 * the homeserver sends again.
 */
import type { IFilterInfo, IStorageProvider } from "matrix-bot-sdk";
import type { AdapterState } from "../types.js";

/** An IStorageProvider over the adapter's durable state. */
export class StateStorageProvider implements IStorageProvider {
  constructor(
    private readonly state: AdapterState,
    /** Told each time a sync's events are all handled and its token stored. */
    private readonly onSynced: (token: string) => void = () => undefined,
  ) {}

  setSyncToken(token: string | null): void {
    this.state.set("syncToken", token ?? "");
    if (token) this.onSynced(token);
  }

  getSyncToken(): string | null {
    return this.state.get("syncToken") || null;
  }

  setFilter(filter: IFilterInfo): void {
    this.state.set("filter", JSON.stringify(filter));
  }

  getFilter(): IFilterInfo {
    const stored = this.state.get("filter");
    return (stored ? JSON.parse(stored) : null) as IFilterInfo;
  }

  storeValue(key: string, value: string): void {
    this.state.set(`kv.${key}`, value);
  }

  readValue(key: string): string | undefined {
    return this.state.get(`kv.${key}`);
  }
}
