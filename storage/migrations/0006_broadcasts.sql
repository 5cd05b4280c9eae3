CREATE TABLE `broadcast_deliveries` (
	`broadcast_id` integer NOT NULL,
	`outbox_id` integer NOT NULL,
	`room_id` integer,
	`member_id` integer,
	PRIMARY KEY(`broadcast_id`, `outbox_id`),
	FOREIGN KEY (`broadcast_id`) REFERENCES `broadcasts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `broadcast_subscriptions` (
	`member_id` integer NOT NULL,
	`network_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `network_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `broadcast_subscriptions_network_idx` ON `broadcast_subscriptions` (`network_id`);--> statement-breakpoint
CREATE TABLE `broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer,
	`author_id` integer NOT NULL,
	`text` text NOT NULL,
	`pin` integer DEFAULT false NOT NULL,
	`to_members` integer DEFAULT false NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`scheduled_at` integer,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`reported_at` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `broadcasts_state_idx` ON `broadcasts` (`state`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `broadcasts_author_idx` ON `broadcasts` (`author_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `note` text;