CREATE TABLE `erasure_requests` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`requested_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`keep_ended_listings` integer DEFAULT false NOT NULL,
	`reminded_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `listings` ADD `redacted_at` integer;