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
CREATE TABLE `dash_aspect_day` (
	`day` text NOT NULL,
	`program_id` integer NOT NULL,
	`survey_version_id` integer NOT NULL,
	`aspect` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_sq` real NOT NULL,
	PRIMARY KEY(`day`, `program_id`, `survey_version_id`, `aspect`)
);
--> statement-breakpoint
CREATE TABLE `dash_channel_day` (
	`day` text NOT NULL,
	`channel` text NOT NULL,
	`responses` integer NOT NULL,
	PRIMARY KEY(`day`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `dash_response_day` (
	`day` text NOT NULL,
	`program_id` integer NOT NULL,
	`survey_version_id` integer NOT NULL,
	`responses` integer NOT NULL,
	`n` integer NOT NULL,
	`sum` integer NOT NULL,
	`sum_sq` integer NOT NULL,
	`top2` integer NOT NULL,
	`nps_n` integer NOT NULL,
	`promoters` integer NOT NULL,
	`passives` integer NOT NULL,
	`detractors` integer NOT NULL,
	PRIMARY KEY(`day`, `program_id`, `survey_version_id`)
);
--> statement-breakpoint
CREATE TABLE `dash_rollup_state` (
	`name` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`rows` integer NOT NULL,
	`built_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
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
CREATE UNIQUE INDEX `target_uq` ON `target` (`indicator`,`calendar`,`year`);--> statement-breakpoint
CREATE INDEX `invitation_created_cover_idx` ON `invitation` (`created_at`,`program_id`,`survey_version_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `invitation_delivered_cover_idx` ON `invitation` (`delivered_at`,`program_id`,`survey_version_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `invitation_program_created_idx` ON `invitation` (`program_id`,`created_at`,`completed_at`);--> statement-breakpoint
CREATE INDEX `invitation_program_delivered_idx` ON `invitation` (`program_id`,`delivered_at`,`completed_at`);--> statement-breakpoint
CREATE INDEX `response_dash_cover_idx` ON `response` (`local_date`,`gender`,`age_band`,`city`,`channel`,`program_id`,`survey_version_id`,`csat`,`nps`);--> statement-breakpoint
CREATE INDEX `response_aspect_cover_idx` ON `response_aspect` (`response_id`,`aspect`,`score`);--> statement-breakpoint
CREATE INDEX `request_decided_cover_idx` ON `request` (`decided_at`,`received_at`,`due_at`,`channel_id`,`beneficiary_id`);--> statement-breakpoint
CREATE INDEX `request_open_cover_idx` ON `request` (`received_at`,`decided_at`,`closed_at`,`due_at`,`channel_id`,`beneficiary_id`);--> statement-breakpoint
CREATE INDEX `request_received_cover_idx` ON `request` (`received_local_date`,`channel_id`,`beneficiary_id`);