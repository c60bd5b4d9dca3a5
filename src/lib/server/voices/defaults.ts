/**
 * The themes a new association starts with: what beneficiaries of Saudi charities write
 * about most. Each keeps Arabic and English keywords (see match.ts for the syntax); the
 * association edits them in Dashboard → What people say. Keys are stable identifiers.
 */
export type ThemeSeed = {
	key: string;
	nameAr: string;
	nameEn: string;
	keywordsAr: string;
	keywordsEn: string;
};

export const DEFAULT_THEMES: ThemeSeed[] = [
	{
		key: 'waiting',
		nameAr: 'وقت الانتظار وسرعة الخدمة',
		nameEn: 'Waiting time and speed',
		keywordsAr:
			'انتظار، انتظر، ننتظر، ينتظر، طابور، زحام، ازدحام، مزدحم، زحمه، تأخر، تأخير، متأخر، تأخرت، بطء، بطي، طالت، طول المده، طول الوقت، ساعات، أسابيع، أشهر، شهور، وقت طويل، مده طويله، يتأخر، سرعه الإنجاز، سرعه، سريع',
		keywordsEn: 'wait, queue, line, crowd, delay, late, slow, took long, weeks, months, fast, quick'
	},
	{
		key: 'courtesy',
		nameAr: 'تعامل الموظفين',
		nameEn: 'Staff courtesy',
		keywordsAr:
			'تعامل، التعامل، موظف، موظفه، موظفين، موظفات، الاستقبال، استقبال، احترام، محترم، لطف، لطيف، ابتسام، بشاشه، أخلاق، خلوق، أسلوب، راقي، رقي، وقح، فظ=، صرخ، ازعاج، تكبر، استهزاء، الأخصائيه، الأخصائي، الباحثه، الباحث، المشرف، المشرفه، المدرب، المدربه، متعاون، تعاون، انسانيه، كرامه، إهانه، مهين',
		keywordsEn:
			'staff, employee, polite, rude, respect, courteous, friendly, kind, attitude, welcome, treated, dignity, humiliat'
	},
	{
		key: 'transport',
		nameAr: 'المواصلات والوصول إلى المقر',
		nameEn: 'Transport and getting there',
		keywordsAr:
			'مواصلات، نقل، توصيل، سياره، سيارات، باص، حافله، أجره، تاكسي، أوبر، مشوار، مواقف، موقف سيارات، بعيد، بعيده، المسافه، مسافه، طريق=، درج=، مصعد',
		keywordsEn: 'transport, bus, car, taxi, uber, parking, far, distance, ride, lift, stairs'
	},
	{
		key: 'aid_amount',
		nameAr: 'مقدار المساعدة',
		nameEn: 'Amount of aid',
		keywordsAr:
			'مبلغ، المبلغ، قيمه المساعده، قيمه السله، كميه، تكفي، يكفي، قليل، قليله، زياده المبلغ، زياده الكميه، السله، السلال، كوبون، قسيمه، بطاقه شرائيه، ريال، المساعده الماليه، الإعانه، إعانه، المواد الغذائيه، محتوى السله، أصناف',
		keywordsEn:
			'amount, not enough, enough, insufficient, basket, voucher, riyal, sar, money, quantity, items, food parcel, allowance'
	},
	{
		key: 'communication',
		nameAr: 'التواصل والإبلاغ',
		nameEn: 'Communication',
		keywordsAr:
			'تواصل، التواصل، اتصال، اتصلت، اتصل، يتصل، الهاتف، هاتف، جوال، الجوال، رساله، رسائل، إبلاغ، ابلاغ، إشعار، تنبيه، تذكير، معلومات، توضيح، وضوح، واضح، واضحه، غموض، رد=، ردت=، ردود، يرد، يوضح، يردون، ردوا، ما ردو، لم يرد، واتساب، إيميل، بريد، نبلغ، يبلغ، أبلغ، تبليغ، أخبر، يخبر',
		keywordsEn:
			'contact, call, phone, message, inform, reply, answer, respond, sms, notif, whatsapp, email, told, clear, unclear, update'
	},
	{
		key: 'documents',
		nameAr: 'التسجيل والمستندات',
		nameEn: 'Registration and documents',
		keywordsAr:
			'تسجيل، التسجيل، سجلت، مستند، مستندات، أوراق، ورق، إثبات، صك، هويه، شهاده، تعريف بالراتب، متطلبات، شروط، استماره، نموذج، ملف، تحديث البيانات، بيانات، نسخه، طلبات كثيره، إجراءات، الإجراءات، روتين، بيروقراطيه، صك إعاله، سجل الأسره',
		keywordsEn:
			'regist, sign up, document, paper, proof, certificate, requirement, form, file, id card, procedure, bureaucra, red tape'
	},
	{
		key: 'appointments',
		nameAr: 'المواعيد والتنظيم',
		nameEn: 'Appointments and organisation',
		keywordsAr:
			'موعد، مواعيد، الموعد، جدول، جدوله، توقيت، حجز، تنظيم، منظم، فوضى، عشوائي، عشوائيه، ترتيب، مرتب، أوقات الدوام، الدوام، إلغاء، ألغي، تأجيل',
		keywordsEn:
			'appointment, schedule, timing, booking, book, organis, organiz, chaos, disorganised, cancel, postpone, opening hours'
	},
	{
		key: 'facilities',
		nameAr: 'المكان والتجهيزات',
		nameEn: 'Place and facilities',
		keywordsAr:
			'مكان، المكان، مقر، المقر، قاعه، صاله، نظافه، نظيف، وسخ، تكييف، مكيف، حر=، حراره، مقاعد، كراسي، كرسي، جلوس، دورات المياه، حمام، مياه، مظله، شمس، ضيق، واسع، مصلى',
		keywordsEn:
			'place, venue, hall, building, clean, dirty, air condition, hot, heat, seat, chair, toilet, restroom, shade, cramped'
	},
	{
		key: 'digital',
		nameAr: 'الخدمات الإلكترونية',
		nameEn: 'Online services',
		keywordsAr:
			'موقع إلكتروني، الموقع الإلكتروني، إلكتروني، إلكترونيا، تطبيق، التطبيق، منصه، رابط، الرابط، كلمه المرور، أونلاين، عن بعد، الكتروني، نفاذ، بوابه',
		keywordsEn: 'website, site, app=, online, link, portal, platform, digital, login, password'
	},
	{
		key: 'fairness',
		nameAr: 'العدالة والاستحقاق',
		nameEn: 'Fairness and eligibility',
		keywordsAr:
			'عداله، عادل، عادله، ظلم، ظالم، واسطه، محسوبيه، استحقاق، مستحق، استحق، يستحق، رفض، رفضوا، مرفوض، رفضت، قبول، قبلوا، انقبلت، معايير، تمييز، تفرقه، أولويه، الأحوج، محتاج',
		keywordsEn:
			'fair, unfair, favouritism, eligib, deserv, reject, refused, accepted, criteria, discriminat, priority, needy'
	},
	{
		key: 'praise',
		nameAr: 'شكر وثناء',
		nameEn: 'Thanks and praise',
		keywordsAr:
			'شكرا، شكر، أشكر، نشكر، مشكورين، مشكور، جزاكم، جزاهم، بارك الله، جزاه، جزاها، الله يعطيكم، يعطيكم العافيه، ممتاز، ممتازه، رائع، رائعه، جميل، جميله، مبدعين، أحسنتم، ما قصرتم، ما قصروا، الله يجزاكم، وفقكم',
		keywordsEn:
			'thank, great, excellent, amazing, wonderful, appreciate, well done, grateful, good job'
	}
];
