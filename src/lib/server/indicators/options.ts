/** The choices the dashboard's filter form offers (small tables only). */
import { all } from './sql';

export function filterOptions() {
	return {
		programs: all<{ id: number; nameAr: string; nameEn: string }>(
			`select id, name_ar nameAr, name_en nameEn from program where archived_at is null order by name_ar`
		),
		channels: all<{ key: string; nameAr: string; nameEn: string }>(
			`select key, name_ar nameAr, name_en nameEn from channel order by sort, id`
		),
		requestTypes: all<{ id: number; nameAr: string; nameEn: string }>(
			`select id, name_ar nameAr, name_en nameEn from request_type order by sort, id`
		),
		surveyVersions: all<{ id: number; surveyId: string; createdAt: number }>(
			`select id, survey_id surveyId, created_at createdAt from survey_version order by survey_id, id`
		),
		cities: all<{ city: string }>(
			`select distinct city from beneficiary where city is not null and city != '' order by city limit 200`
		).map((c) => c.city)
	};
}
