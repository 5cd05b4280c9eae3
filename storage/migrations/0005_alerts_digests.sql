CREATE TABLE `alert_keys` (
	`key` text NOT NULL,
	`alert_id` integer NOT NULL,
	PRIMARY KEY(`key`, `alert_id`),
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alert_keys_alert_idx` ON `alert_keys` (`alert_id`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`criteria` text NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alerts_member_idx` ON `alerts` (`member_id`,`id`);--> statement-breakpoint
CREATE TABLE `digest_settings` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`rhythm` text DEFAULT 'daily' NOT NULL,
	`time` text DEFAULT '08:00' NOT NULL,
	`weekday` integer DEFAULT 1 NOT NULL,
	`next_due_at` integer NOT NULL,
	`cursor` integer NOT NULL,
	`last_sent_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `digest_settings_due_idx` ON `digest_settings` (`next_due_at`);--> statement-breakpoint
CREATE TABLE `listing_matches` (
	`listing_id` integer NOT NULL,
	`matched_listing_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`listing_id`, `matched_listing_id`),
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`matched_listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `listing_matches_matched_idx` ON `listing_matches` (`matched_listing_id`);--> statement-breakpoint
ALTER TABLE `listings` ADD `reminded_at` integer;--> statement-breakpoint
ALTER TABLE `networks` ADD `summary_time` text;--> statement-breakpoint
ALTER TABLE `networks` ADD `summary_next_at` integer;--> statement-breakpoint
ALTER TABLE `networks` ADD `summary_cursor` integer DEFAULT 0 NOT NULL;