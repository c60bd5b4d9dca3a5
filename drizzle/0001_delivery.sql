CREATE TABLE `invitation_link` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`message_id` integer,
	`channel` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`opened_at` integer,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `outbox_message`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_link_token_uq` ON `invitation_link` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitation_link_inv_idx` ON `invitation_link` (`invitation_id`);--> statement-breakpoint
CREATE TABLE `message_template` (
	`key` text NOT NULL,
	`part` text NOT NULL,
	`locale` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_template_uq` ON `message_template` (`key`,`part`,`locale`);--> statement-breakpoint
CREATE TABLE `opt_out_token` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox_message` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` integer NOT NULL,
	`claimed_at` integer,
	`sent_at` integer,
	`last_error` text,
	`idempotency_key` text NOT NULL,
	`provider_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idem_uq` ON `outbox_message` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_state_idx` ON `outbox_message` (`state`,`not_before`);--> statement-breakpoint
CREATE INDEX `outbox_invitation_idx` ON `outbox_message` (`invitation_id`);