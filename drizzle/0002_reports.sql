CREATE TABLE `comment_tag` (
	`response_id` integer NOT NULL,
	`tag` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`response_id`, `tag`),
	FOREIGN KEY (`response_id`) REFERENCES `response`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `comment_tag_tag_idx` ON `comment_tag` (`tag`);--> statement-breakpoint
CREATE TABLE `improvement_action` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`source` text NOT NULL,
	`source_ref` text,
	`owner_id` integer,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`indicator` text NOT NULL,
	`program_id` integer,
	`baseline_value` real,
	`baseline_n` integer,
	`baseline_from` text,
	`baseline_to` text,
	`after_value` real,
	`after_n` integer,
	`after_from` text,
	`after_to` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_status_due_idx` ON `improvement_action` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `action_created_idx` ON `improvement_action` (`created_at`);--> statement-breakpoint
CREATE INDEX `action_closed_idx` ON `improvement_action` (`closed_at`);--> statement-breakpoint
CREATE TABLE `quarter_review` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`calendar` text NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`notes` text DEFAULT '' NOT NULL,
	`figures_fingerprint` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reviewed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quarter_review_uq` ON `quarter_review` (`calendar`,`year`,`quarter`);--> statement-breakpoint
CREATE TABLE `target` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator` text NOT NULL,
	`calendar` text NOT NULL,
	`year` integer NOT NULL,
	`value` real NOT NULL,
	`direction` text NOT NULL,
	`set_by` integer,
	`set_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`set_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_uq` ON `target` (`indicator`,`calendar`,`year`);