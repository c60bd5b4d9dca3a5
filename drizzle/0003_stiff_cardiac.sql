CREATE TABLE `request_notice` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` integer NOT NULL,
	`claimed_at` integer,
	`sent_at` integer,
	`last_error` text,
	`idempotency_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `request`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_notice_idem_uq` ON `request_notice` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `request_notice_state_idx` ON `request_notice` (`state`,`not_before`);--> statement-breakpoint
CREATE INDEX `request_notice_request_idx` ON `request_notice` (`request_id`,`kind`);--> statement-breakpoint
CREATE TABLE `request_type` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text DEFAULT 'other' NOT NULL,
	`sla_days` integer DEFAULT 14 NOT NULL,
	`sla_mode` text DEFAULT 'working' NOT NULL,
	`documents` text DEFAULT '[]' NOT NULL,
	`escalation_role` text DEFAULT 'admin' NOT NULL,
	`complaint` integer DEFAULT false NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_type_key_unique` ON `request_type` (`key`);--> statement-breakpoint
ALTER TABLE `request` ADD `type_id` integer REFERENCES request_type(id);--> statement-breakpoint
ALTER TABLE `request` ADD `checklist` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `request` ADD `complete` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `request` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `request` ADD `confirm_version` text;--> statement-breakpoint
ALTER TABLE `request` ADD `escalated_at` integer;--> statement-breakpoint
ALTER TABLE `request` ADD `referred_to` text;--> statement-breakpoint
ALTER TABLE `request` ADD `sector` text;--> statement-breakpoint
ALTER TABLE `request` ADD `merchant` text;--> statement-breakpoint
ALTER TABLE `request` ADD `merchant_enc` text;--> statement-breakpoint
ALTER TABLE `request` ADD `amount_disputed` integer;--> statement-breakpoint
ALTER TABLE `request` ADD `authority` text;--> statement-breakpoint
ALTER TABLE `request` ADD `authority_ref` text;--> statement-breakpoint
ALTER TABLE `request` ADD `authority_outcome` text;--> statement-breakpoint
CREATE INDEX `request_type_idx` ON `request` (`type_id`,`received_local_date`);--> statement-breakpoint
CREATE INDEX `request_referred_idx` ON `request` (`referred_to`,`decided_at`);--> statement-breakpoint
CREATE INDEX `request_escalated_idx` ON `request` (`escalated_at`);--> statement-breakpoint
CREATE INDEX `request_sector_idx` ON `request` (`sector`,`received_local_date`);