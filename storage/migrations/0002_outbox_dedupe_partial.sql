DROP INDEX `outbox_dedupe_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_unique` ON `outbox` (`dedupe_key`) WHERE "outbox"."dedupe_key" IS NOT NULL;