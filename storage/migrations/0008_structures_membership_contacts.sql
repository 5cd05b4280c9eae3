CREATE TABLE `contact_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`sender_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `contact_threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sender_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_messages_thread_idx` ON `contact_messages` (`thread_id`,`id`);--> statement-breakpoint
CREATE INDEX `contact_messages_sender_idx` ON `contact_messages` (`sender_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `contact_threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`listing_id` integer NOT NULL,
	`requester_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`requester_shares` integer DEFAULT false NOT NULL,
	`author_shares` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`last_message_at` integer NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requester_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_threads_pair_unique` ON `contact_threads` (`listing_id`,`requester_id`);--> statement-breakpoint
CREATE INDEX `contact_threads_requester_idx` ON `contact_threads` (`requester_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `contact_threads_author_idx` ON `contact_threads` (`author_id`,`last_message_at`);--> statement-breakpoint
CREATE TABLE `member_blocks` (
	`member_id` integer NOT NULL,
	`blocked_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `blocked_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blocked_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `network_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`status` text NOT NULL,
	`animator` integer DEFAULT false NOT NULL,
	`answers` text,
	`decided_by` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `network_members_unique` ON `network_members` (`network_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `network_members_status_idx` ON `network_members` (`network_id`,`status`);--> statement-breakpoint
CREATE TABLE `structure_invites` (
	`code` text PRIMARY KEY NOT NULL,
	`structure_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_by` integer,
	`used_at` integer,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`used_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `structure_members` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`structure_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `structure_members_structure_idx` ON `structure_members` (`structure_id`);--> statement-breakpoint
CREATE TABLE `structures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`type` text NOT NULL,
	`sector` text NOT NULL,
	`commune_code` text NOT NULL,
	`place_tags` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`website` text,
	`public_contact` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `structures_name_key_idx` ON `structures` (`name_key`);--> statement-breakpoint
ALTER TABLE `listings` ADD `structure_id` integer REFERENCES structures(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `members` ADD `username` text;--> statement-breakpoint
ALTER TABLE `members` ADD `charter_accepted_at` integer;--> statement-breakpoint
ALTER TABLE `networks` ADD `join_questions` text;