CREATE INDEX `beneficiary_gender_idx` ON `beneficiary` (`gender`,`age_band`,`city`);--> statement-breakpoint
CREATE INDEX `beneficiary_age_idx` ON `beneficiary` (`age_band`,`city`,`gender`);--> statement-breakpoint
CREATE INDEX `beneficiary_city_idx` ON `beneficiary` (`city`,`gender`,`age_band`);