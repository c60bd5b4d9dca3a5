CREATE INDEX `site_day_page_day_idx` ON `site_day_page` (`day`);--> statement-breakpoint
CREATE INDEX `site_event_visitor_idx` ON `site_event` (`site_id`,`day`,`visitor`,`source`);--> statement-breakpoint
CREATE INDEX `site_event_at_idx` ON `site_event` (`at`);