CREATE TABLE `poll_options` (
	`poll_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`poll_id`, `position`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `poll_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poll_id` integer NOT NULL,
	`room_id` integer,
	`platform` text NOT NULL,
	`platform_room_id` text NOT NULL,
	`outbox_id` integer NOT NULL,
	`platform_message_id` text,
	`platform_poll_ref` text,
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `poll_posts_poll_idx` ON `poll_posts` (`poll_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `poll_posts_outbox_unique` ON `poll_posts` (`outbox_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `poll_posts_ref_unique` ON `poll_posts` (`platform`,`platform_poll_ref`) WHERE "poll_posts"."platform_poll_ref" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `poll_votes` (
	`poll_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`position` integer NOT NULL,
	`platform` text NOT NULL,
	`voted_at` integer NOT NULL,
	PRIMARY KEY(`poll_id`, `member_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `polls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`author_id` integer,
	`question` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `polls_network_idx` ON `polls` (`network_id`,`id`);