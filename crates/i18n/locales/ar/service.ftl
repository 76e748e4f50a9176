# The web service and its commands (Arabic)
api-unauthenticated = سجّل الدخول، أو أرسل رمز واجهة برمجية بالشكل Authorization: Bearer …
api-login-failed = اسم المستخدم أو كلمة المرور غير صحيحين، أو الحساب معطّل.
api-forbidden = دورك لا يسمح بهذا.
api-csrf = يحتاج هذا الطلب إلى رمز جلستك في الترويسة X-CSRF-Token.
api-not-found-title = غير موجود
api-not-found = غير موجود: { $what }
api-conflict-title = تغيّر السجل منذ قرأته
api-conflict = السجل الآن في النسخة { $current }؛ اقرأه من جديد وأجرِ تعديلك على تلك النسخة. لم يتغيّر شيء.
api-conflict-gone = لم يعد السجل موجودًا. لم يتغيّر شيء.
api-version-required = اذكر النسخة التي قرأتها، في الترويسة If-Match أو في الحقل "version".
api-bad-request = تعذّرت قراءة الطلب
api-invalid = الطلب يخالف قاعدة
api-rejected = رُفضت صفوف؛ لم يُكتب شيء
api-gate-invalid = نص الشرط غير صالح
api-too-large = جسم الطلب أكبر من المسموح
api-unsupported-media-type = نوع الوسائط غير صحيح
api-unsupported-media-type-detail = أرسل الجسم بالنوع { $expected }.
api-no-route = لا توجد نقطة نهاية كهذه
api-method-not-allowed = نقطة النهاية هذه لا تقبل هذه الطريقة
api-internal = حدث خطأ في الخادم وسُجّل
api-unavailable = قاعدة البيانات لا تستجيب الآن ولم يتغير شيء. أعد المحاولة بعد ثوانٍ
api-storage-full = قرص الخادم ممتلئ فلم يُحفظ شيء، وعلى المشغّل أن يفرّغ مساحة
api-problem-count = { PLURAL($count) ->
    [zero] لا مشكلات
    [one] مشكلة واحدة؛ انظر errors.
    [two] مشكلتان؛ انظر errors.
    [few] { $count } مشكلات؛ انظر errors.
    [many] { $count } مشكلةً؛ انظر errors.
   *[other] { $count } مشكلة؛ انظر errors.
}
service-cli-serve-about = تشغيل واجهة JSON (مع استيراد الحالة التأسيسية إلى قاعدة بيانات فارغة أولًا)
service-cli-init-about = إنشاء قاعدة بيانات من حزمة حالة
service-cli-export-about = كتابة الحالة المخزّنة حزمةً من جديد
service-cli-import-about = استيراد مشاهدات من ملف CSV، كلها أو لا شيء
service-cli-user-about = إدارة المستخدمين: إضافة، عرض، تعطيل
service-cli-audit-about = التحقق من سلسلة تجزئة سجل التدقيق
service-cli-arg-database = قاعدة البيانات: sqlite://PATH (الافتراضي sqlite://tahawul.db) أو postgres://…
service-cli-arg-bind = العنوان الذي يُستمع عليه (الافتراضي 127.0.0.1:8080)
service-cli-arg-insecure-cookies = إرسال ملف تعريف الجلسة دون Secure (HTTP عادي خلف وكيل على العنوان المحلي فقط)
service-cli-arg-example = حالة مثال مرفقة (iraq-hmc)
service-serve-listening = تقديم { $case } على http://{ $addr } (قاعدة البيانات: { $database })
service-serve-imported = كانت قاعدة البيانات فارغة: استُوردت الحالة التأسيسية ({ $records } سجلًا، { $observations } مشاهدة)
service-serve-stopped = توقف الخادم؛ أُجيب كل طلب كان قيد التنفيذ.
service-db-failed = فشلت قاعدة البيانات: { $detail }
service-bind-failed = تعذّر الاستماع على { $addr }: { $detail }
service-init-done = أُنشئت قاعدة البيانات بالحالة { $case }: { $records } سجلًا، { $observations } مشاهدة، { $entries } قيد تدقيق
service-init-not-empty = قاعدة البيانات هذه تحوي حالة بالفعل؛ استعمل قاعدة فارغة
service-unknown-example = لا يوجد مثال مرفق باسم { $name }؛ الأمثلة هي: iraq-hmc
service-export-done = كُتبت حزمة الحالة في { $path }
service-export-failed = تعذّرت الكتابة في { $path }: { $detail }
service-import-done = { PLURAL($count) ->
    [zero] لم تُستورد أي مشاهدة
    [one] استُوردت مشاهدة واحدة
    [two] استُوردت مشاهدتان
    [few] استُوردت { $count } مشاهدات
    [many] استُوردت { $count } مشاهدةً
   *[other] استُوردت { $count } مشاهدة
}
service-import-unreadable = تعذّرت قراءة { $path }: { $detail }
service-import-rows-rejected = { PLURAL($count) ->
    [zero] لم يُرفض أي صف
    [one] رُفض صف واحد؛ لم يُستورد شيء
    [two] رُفض صفان؛ لم يُستورد شيء
    [few] رُفضت { $count } صفوف؛ لم يُستورد شيء
    [many] رُفض { $count } صفًا؛ لم يُستورد شيء
   *[other] رُفض { $count } صف؛ لم يُستورد شيء
}
service-user-password-prompt = كلمة مرور { $name } (اثنا عشر حرفًا على الأقل):
service-user-password-missing = أعطِ كلمة المرور على الدخل القياسي (لا تؤخذ أبدًا من سطر الأوامر)
service-user-added = أُضيف المستخدم { $name } ({ $role })
service-user-disabled = عُطّل المستخدم { $name }
service-user-invalid = { $field }: { $detail }
service-user-unknown-role = لا يوجد دور { $role }؛ الأدوار هي: { $known }
service-user-count = { PLURAL($count) ->
    [zero] لا مستخدمين
    [one] مستخدم واحد
    [two] مستخدمان
    [few] { $count } مستخدمين
    [many] { $count } مستخدمًا
   *[other] { $count } مستخدم
}
service-user-disabled-mark = معطّل
service-audit-ok = { PLURAL($count) ->
    [zero] سجل التدقيق سليم: لا قيود، الرأس { $head }
    [one] سجل التدقيق سليم: قيد واحد، الرأس { $head }
    [two] سجل التدقيق سليم: قيدان، الرأس { $head }
    [few] سجل التدقيق سليم: { $count } قيود، الرأس { $head }
    [many] سجل التدقيق سليم: { $count } قيدًا، الرأس { $head }
   *[other] سجل التدقيق سليم: { $count } قيد، الرأس { $head }
}
service-audit-broken = سجل التدقيق غير سليم: { $detail }
service-login-rate-limited-title = محاولات دخول فاشلة كثيرة
service-login-rate-limited = { PLURAL($minutes) ->
    [zero] محاولات دخول فاشلة كثيرة لهذا الاسم أو من هذا العنوان. أعد المحاولة بعد قليل.
    [one] محاولات دخول فاشلة كثيرة لهذا الاسم أو من هذا العنوان. أعد المحاولة بعد دقيقة.
    [two] محاولات دخول فاشلة كثيرة لهذا الاسم أو من هذا العنوان. أعد المحاولة بعد دقيقتين.
    [few] محاولات دخول فاشلة كثيرة لهذا الاسم أو من هذا العنوان. أعد المحاولة بعد { $minutes } دقائق.
    [many] محاولات دخول فاشلة كثيرة لهذا الاسم أو من هذا العنوان. أعد المحاولة بعد { $minutes } دقيقة.
   *[other] محاولات دخول فاشلة كثيرة لهذا الاسم أو من هذا العنوان. أعد المحاولة بعد { $minutes } دقيقة.
}

# التذكيرات بالبريد الإلكتروني (reminders.rs)
mail-bad-smtp-url = ‏`{ $url }` ليس عنوان SMTP يمكن لـ«تحوّل» استخدامه ({ $why }): اكتب smtp://host:port أو smtp://host:587?tls=required أو smtps://host
mail-bad-from = ‏`{ $value }` ليس عنوانًا يصلح مرسلًا للبريد: اكتبه على هيئة Tahawul <tahawul@example.org>
mail-subject = { PLURAL($count) ->
    [zero] تحوّل: لا شيء ينتظرك
    [one] تحوّل: أمر واحد ينتظرك
    [two] تحوّل: أمران ينتظرانك
    [few] تحوّل: { $count } أمور تنتظرك
    [many] تحوّل: { $count } أمرًا ينتظرك
   *[other] تحوّل: { $count } أمر ينتظرك
}
mail-digest-intro = ما ينتظرك في «تحوّل» في { $date }:
mail-immediate-intro = أمر جديد ينتظرك في «تحوّل»:
mail-more = في صندوق الوارد { $count } من العناصر في المجموع: { $url }
mail-footer = تصلك هذه الرسالة لأن التذكيرات مفعّلة في إعداداتك: { $url }
mail-cli-remind-about = أرسل التذكيرات المستحقة الآن بالبريد الإلكتروني: صندوق وارد كل شخص إلى العنوان الوارد في إعداداته (لـ cron؛ والأمر serve --smtp يرسلها كل دقيقة)
mail-cli-arg-smtp = خادم SMTP الذي تمر عبره التذكيرات: smtp://host:port (مرحّل محلي) أو smtp://host:587?tls=required (STARTTLS) أو smtps://host، مع user:password@ للمصادقة
mail-cli-arg-from = الجهة التي تصدر عنها التذكيرات
mail-cli-arg-public-url = العنوان الذي يفتح منه الناس «تحوّل»، للروابط في التذكيرات
mail-cli-arg-digest-hour = الساعة (بالتوقيت العالمي، من 0 إلى 23) التي تبدأ منها الملخصات اليومية
mail-cli-no-smtp = حدّد خادم SMTP بالخيار ‎--smtp URL
mail-cli-sent = التذكيرات المرسلة: { $messages }. الأشخاص الذين وصلتهم: { $people }.
mail-cli-failed = لم يُرسل إلى { $name }: { $why }
mail-cli-some-failed = { PLURAL($count) ->
    [zero] لم يتعذر الإرسال إلى أحد.
    [one] تعذر الإرسال إلى شخص واحد.
    [two] تعذر الإرسال إلى شخصين.
    [few] تعذر الإرسال إلى { $count } أشخاص.
    [many] تعذر الإرسال إلى { $count } شخصًا.
   *[other] تعذر الإرسال إلى { $count } شخص.
}
mail-cli-some-failed-help = لم يُعلَّم شيء بأنه أُرسل إليهم: ستعيد المحاولة في المرة القادمة. تحقق من خادم SMTP ومن عناوينهم.
api-must-change-password-title = غيّر كلمة مرورك أولًا
api-must-change-password = أعادت الأمانة تعيين كلمة مرورك. غيّرها عبر POST /api/v1/me/password (current_password وnew_password) قبل أي شيء آخر
service-user-enabled = فُعّل المستخدم { $name }: يستطيع الدخول من جديد، وتعمل رموزه التي لم تُلغَ من جديد
service-user-reset = أُعيد تعيين كلمة مرور { $name }: عليه تغييرها عند دخوله التالي؛ أُنهيت جلساته وبقيت رموز واجهته البرمجية
service-user-directory-mark = دليل
service-user-must-change-mark = يجب تغيير كلمة المرور
