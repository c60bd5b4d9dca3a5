import * as settings from '../settings';
import * as users from '../users';
import type { Role } from '../permissions';

/** Demo logins: fixed so that the README and a tester can use them; demo mode only. */
export const DEMO_USERS: {
	email: string;
	name: string;
	nameEn: string;
	role: Role;
	password: string;
}[] = [
	{
		email: 'admin@demo.rida',
		name: 'سارة العتيبي',
		nameEn: 'Sarah Alotaibi',
		role: 'admin',
		password: 'demo-admin-1448'
	},
	{
		email: 'quality@demo.rida',
		name: 'خالد الشهري',
		nameEn: 'Khalid Alshehri',
		role: 'quality',
		password: 'demo-quality-1448'
	},
	{
		email: 'relations@demo.rida',
		name: 'نورة القحطاني',
		nameEn: 'Noura Alqahtani',
		role: 'relations',
		password: 'demo-relations-1448'
	},
	{
		email: 'relations2@demo.rida',
		name: 'فهد الدوسري',
		nameEn: 'Fahad Aldosari',
		role: 'relations',
		password: 'demo-relations-1448'
	},
	{
		email: 'board@demo.rida',
		name: 'عبدالله الحربي',
		nameEn: 'Abdullah Alharbi',
		role: 'board',
		password: 'demo-board-1448'
	}
];

export async function seedCore() {
	settings.ensure({
		nameAr: 'جمعية البر التجريبية',
		nameEn: 'Al-Birr Demo Association',
		licenceNumber: '1234',
		calendar: 'gregorian',
		slaDays: 14
	});
	for (const u of DEMO_USERS) {
		await users.create(
			{ id: null },
			{ email: u.email, name: u.name, role: u.role, password: u.password, isDemo: true }
		);
	}
}
