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
CREATE INDEX `comment_tag_tag_idx` ON `comment_tag` (`tag`);