## Pages: work (issue 5/6). Keys start with "pages-work-".
## التقييمات، والمستخدمون وأدوارهم، وسجل التدقيق، والإعدادات، وحسابات العرض التجريبي.

pages-work-back = رجوع
pages-work-back-dashboard = العودة إلى لوحة المتابعة
pages-work-back-assessments = كل التقييمات
pages-work-forbidden-title = غير مسموح
pages-work-forbidden = لا يسمح دورك بهذا الإجراء، ولم يتغير شيء. إن كنت تحتاج إليه فاطلبه من الأمانة العامة.
pages-work-not-found-title = غير موجود
pages-work-not-found = لا يوجد سجل كهذا، أو أنه غير مشترك معك.
pages-work-conflict-title = غيّر شخص آخر هذا السجل
pages-work-conflict = غيّر شخص آخر هذا السجل بعد أن فتحته، فلم يُحفظ تغييرك. افتح النسخة الحالية ثم أعد إجراء تغييرك.
pages-work-invalid-title = لا يمكن حفظ هذا
pages-work-invalid = لم يُحفظ شيء. صحّح ما يلي ثم حاول مجددًا:
pages-work-form-has-errors = لم يُحفظ شيء. صحّح الحقول أدناه ثم أرسل النموذج مجددًا:
pages-work-any = (الكل)
pages-work-none = (لا شيء)
pages-work-yes = نعم
pages-work-nobody = لا أحد بعد

pages-work-assessments-title = التقييمات
pages-work-new-assessment = تقييم جديد
pages-work-filter = تصفية التقييمات
pages-work-filter-apply = عرض
pages-work-assessments-count = { PLURAL($count) ->
    [zero] لا تقييمات
    [one] تقييم واحد
    [two] تقييمان
    [few] { $count } تقييمات
    [many] { $count } تقييمًا
   *[other] { $count } تقييم
}
pages-work-assessment-title = { $factor }، { $area }، { $cycle }
pages-work-field-id = المعرّف
pages-work-field-factor = العامل
pages-work-field-area = المنطقة
pages-work-field-cycle = الفترة
pages-work-field-rating = المستوى
pages-work-field-state = الحالة
pages-work-field-owner = الجهة المالكة
pages-work-field-version = النسخة
pages-work-field-updated = آخر تغيير
pages-work-field-narrative-en = السرد بالإنجليزية
pages-work-field-narrative-ar = السرد بالعربية
pages-work-field-evidence = الأدلة (الوثائق)
pages-work-field-reasons-en = الأسباب بالإنجليزية
pages-work-field-reasons-ar = الأسباب بالعربية
pages-work-hint-id = أحرف لاتينية صغيرة وأرقام و- و_. اتركه فارغًا ليُستخدم العامل-المنطقة-الفترة.
pages-work-hint-cycle = شهر (2026-08) أو ربع سنة (2026-Q3) أو سنة (2026).
pages-work-hint-rating = مستوى على مقياس العامل المختار.
pages-work-owner-draft = { $party } (مسودة غير مشتركة)
pages-work-owner-commission = اللجنة
pages-work-illustrative = توضيحي
pages-work-narrative = السرد
pages-work-no-evidence = لا يستشهد بأي دليل.
pages-work-no-documents = لا توجد وثيقة مشتركة معك.
pages-work-create-draft = حفظ المسودة
pages-work-save-draft = حفظ التغييرات
pages-work-edit-title = تعديل المسودة
pages-work-submit-title = الرفع إلى رئيسَي الوفدين
pages-work-submit-help = الرفع يشارك التقييم مع الوفدين، ثم يعتمده رئيساهما أو يعيدانه مع ذكر الأسباب.
pages-work-submit = رفع
pages-work-review-title = المراجعة
pages-work-endorse = اعتماد باسم وفدي
pages-work-reasons-help = لإعادة التقييم إلى فريق عمله، اذكر السبب (بالعربية أو الإنجليزية أو كلتيهما).
pages-work-return = إعادة مع ذكر الأسباب
pages-work-endorsed-by = اعتمده حتى الآن
pages-work-history = سجل سير العمل
pages-work-history-empty = لا خطوات بعد: هذه مسودة.
pages-work-col-step = الخطوة
pages-work-col-by = بواسطة
pages-work-col-when = متى
pages-work-col-reasons = الأسباب
pages-work-step-submit = رُفع
pages-work-step-endorse = اعتُمد باسم { $party }
pages-work-step-return = أعاده { $party }
pages-work-error-id = لا يقبل المعرّف إلا أحرفًا لاتينية صغيرة وأرقامًا و- و_ (بحد أقصى 64).
pages-work-error-id-taken = المعرّف { $id } مستخدم. اختر معرّفًا آخر.
pages-work-error-factor = اختر عاملًا يقيّمه فريق عملك.
pages-work-error-area = اختر منطقة من مناطق الملف.
pages-work-error-cycle = «{ $given }» ليست فترة. اكتب شهرًا (2026-08) أو ربع سنة (2026-Q3) أو سنة (2026).
pages-work-error-rating = اختر مستوى من مقياس العامل: { $levels }.
pages-work-error-narrative-en = اكتب السرد بالإنجليزية.
pages-work-error-narrative-ar = اكتب السرد بالعربية.
pages-work-error-evidence = الوثيقة { $id } ليست في الملف.
pages-work-error-reasons = الإعادة تحتاج إلى أسباب: اكتبها بالعربية أو الإنجليزية أو كلتيهما.
pages-work-error-version = لم يذكر النموذج النسخة التي قرأها. افتح الصفحة مجددًا وأعد الإرسال.

pages-work-users-title = المستخدمون والأدوار
pages-work-users-count = { PLURAL($count) ->
    [zero] لا مستخدمين
    [one] مستخدم واحد
    [two] مستخدمان
    [few] { $count } مستخدمين
    [many] { $count } مستخدمًا
   *[other] { $count } مستخدم
}
pages-work-field-name = اسم المستخدم
pages-work-field-display-name = الاسم المعروض
pages-work-field-role = الدور
pages-work-field-party = الطرف
pages-work-field-enabled = الحساب
pages-work-field-initial-password = كلمة المرور الأولى
pages-work-hint-user-name = أحرف لاتينية صغيرة وأرقام و- و_.
pages-work-hint-party = مطلوب لرؤساء الوفود وأعضائها ولشركاء التحالف.
pages-work-hint-factor = مطلوب لأعضاء فرق العمل ولهم وحدهم.
pages-work-hint-password = 12 حرفًا على الأقل. سلّمها للمستخدم شخصيًا.
pages-work-user-enabled = مفعّل
pages-work-user-disabled = معطّل
pages-work-col-actions = الإجراءات
pages-work-disable = تعطيل
pages-work-disable-user = تعطيل { $name }
pages-work-new-user = مستخدم جديد
pages-work-create-user = إنشاء المستخدم
pages-work-tokens-title = رموز الواجهة البرمجية المستخدمة
pages-work-tokens-empty = لا يوجد رمز واجهة برمجية مستخدم.
pages-work-col-label = الغرض
pages-work-col-prefix = البادئة
pages-work-col-created = تاريخ الإنشاء
pages-work-revoke = إلغاء
pages-work-revoke-token = إلغاء الرمز { $prefix }
pages-work-error-role = اختر دورًا من القائمة.
pages-work-error-user-name = لا يقبل اسم المستخدم إلا أحرفًا لاتينية صغيرة وأرقامًا و- و_ (بحد أقصى 64).
pages-work-error-user-exists = يوجد مستخدم باسم { $name }. اختر اسمًا آخر.
pages-work-error-display-name = اكتب الاسم المعروض.
pages-work-error-password = كلمة المرور تحتاج إلى { $min } حرفًا على الأقل.
pages-work-error-party-needed = هذا الدور ينتمي إلى طرف: اختر طرفًا.
pages-work-error-factor-needed = عضو فريق العمل ينتمي إلى فريق عامل: اختر العامل.
pages-work-error-factor-only-wg = لأعضاء فرق العمل وحدهم عامل: اختر (لا شيء).
pages-work-error-user-field = { $field }: { $why }

pages-work-audit-title = سجل التدقيق
pages-work-chain-verified = السلسلة سليمة: كل القيود حتى الرقم التسلسلي { $seq } لم تُمس.
pages-work-chain-broken = السلسلة غير سليمة: تنقطع عند الرقم التسلسلي { $seq }. أبلغ الأمانة العامة واحتفظ بنسخة من قاعدة البيانات.
pages-work-audit-empty = لا قيود هنا.
pages-work-audit-range = القيود من { $first } إلى { $last }
pages-work-audit-pages = صفحات سجل التدقيق
pages-work-col-seq = الرقم التسلسلي
pages-work-col-actor = من
pages-work-col-action = الإجراء
pages-work-col-record = السجل
pages-work-previous = القيود السابقة
pages-work-next = القيود التالية

pages-work-settings-title = الإعدادات
pages-work-settings-lang = لغة الصفحات
pages-work-settings-digits = الأرقام
pages-work-digits-latin = الأرقام اللاتينية (0123456789)
pages-work-digits-arabic-indic = الأرقام الهندية (٠١٢٣٤٥٦٧٨٩)
pages-work-settings-save = حفظ الإعدادات
pages-work-settings-reminders = التذكيرات بالبريد الإلكتروني
pages-work-settings-email = عنوان بريدك الإلكتروني
pages-work-settings-reminders-off = متوقفة
pages-work-settings-reminders-daily = مرة في اليوم: ملخص صندوق الوارد
pages-work-settings-reminders-immediate = فور أن يحتاجني أمر
pages-work-settings-reminders-hint = تحمل التذكيرات ما يعرضه لك صندوق الوارد، باللغة المختارة أعلاه، ولا شيء مما لا يحق لك الاطلاع عليه.
pages-work-settings-saved = حُفظت إعداداتك، وتسري أينما سجّلت الدخول.

pages-work-demo-created = أُنشئت حسابات العرض التجريبي (لتجربة «تحوّل» فقط، لا للاستخدام الفعلي). كلمة المرور لكل منها: { $password }
pages-work-demo-user = { $name } — { $role }
pages-work-demo-sign-in = سجّل الدخول عبر { $url }
pages-work-demo-released = أُتيح لشركاء التحالف { $count } من سجلات السجل العلني (بنية القضية والجولات والالتزامات والوثائق والمؤشرات والمراحل)، ليُظهر حساب الشريك التجريبي ما يراه الشريك؛ ولم تُتح التقييمات.
pages-work-demo-exists = في قاعدة البيانات مستخدمون بالفعل: لم تُنشأ حسابات تجريبية.
pages-work-demo-arg = في قاعدة بيانات بلا مستخدمين، أنشئ حسابًا تجريبيًا لكل دور واطبع كلمة مروره (للتجربة، لا للاستخدام الفعلي)

## صندوق الوارد: ما ينتظر المستخدم
pages-work-inbox-title = صندوق الوارد
pages-work-inbox-none = لا شيء ينتظرك الآن.
pages-work-inbox-count = { PLURAL($count) ->
    [zero] لا شيء ينتظرك الآن.
    [one] أمر واحد ينتظرك.
    [two] أمران ينتظرانك.
    [few] { $count } أمور تنتظرك.
    [many] { $count } أمرًا ينتظرك.
   *[other] { $count } أمر ينتظرك.
}
pages-work-inbox-empty-why = تظهر هنا الأمور حين ينتظر تقييمٌ مصادقة وفدك، أو يُعاد تقييم إلى فريق عملك، أو تُطرح عليك مشاورة، أو يحلّ خلال 30 يومًا أجلُ التزامٍ على طرفك، أو يقترب موعد مرحلة خلال ثلاثة أشهر، أو ينتظر محضرٌ توقيعك.
pages-work-inbox-overdue = متأخر
pages-work-inbox-endorse = صادِق على تقييم { $factor } في { $area } للدورة { $cycle } أو أعِده
pages-work-inbox-returned = أُعيد تقييم { $factor } في { $area } للدورة { $cycle } إلى فريق عملك
pages-work-inbox-returned-by = أعاد { $by } تقييم { $factor } في { $area } للدورة { $cycle } إلى فريق عملك
pages-work-inbox-answer = أجِب عن الإصدار { $version } من المشاورة «{ $title }»
pages-work-inbox-commitment = يحلّ أجله في { $due }: { $commitment }
pages-work-inbox-commitment-overdue = حلّ أجله في { $due }: { $commitment }
pages-work-inbox-deadline = ينبغي أن تبدأ المرحلة «{ $phase }» بحلول { $deadline }
pages-work-inbox-deadline-overdue = كان ينبغي أن تبدأ المرحلة «{ $phase }» بحلول { $deadline }
pages-work-inbox-sign = وقّع محضر { $round }
pages-work-inbox-sign-again = وقّع محضر { $round } من جديد: فقد تغيّر بعد توقيعك

## إجراءات سجل التدقيق بالكلمات (pages/work/audit.rs).
pages-audit-minutes-sign = توقيع محضر الجولة { $record }
pages-audit-key-register = تسجيل مفتاح توقيع لـ{ $record }
pages-audit-key-retire = سحب مفتاح توقيع { $record }
pages-audit-assessment-submit = تقديم التقييم { $record }
pages-audit-assessment-endorse = اعتماد التقييم { $record }
pages-audit-assessment-return = إعادة التقييم { $record }
pages-audit-observations-insert = إضافة أرقام ({ $record })
pages-audit-token-create = إصدار رمز الواجهة البرمجية { $record }
pages-audit-token-revoke = إلغاء رمز الواجهة البرمجية { $record }
pages-audit-user-create = إنشاء الحساب { $record }
pages-audit-user-disable = تعطيل الحساب { $record }
pages-audit-user-settings = تغيير إعدادات { $record }
pages-audit-create = إنشاء { $kind }: { $record }
pages-audit-update = تعديل { $kind }: { $record }
pages-audit-delete = حذف { $kind }: { $record }
pages-audit-import = استيراد { $kind }: { $record }
pages-audit-other = { $action }: { $kind } { $record }
pages-audit-kind-case = القضية
pages-audit-kind-party = الطرف
pages-audit-kind-person = الشخص
pages-audit-kind-area = المنطقة
pages-audit-kind-factor = العامل
pages-audit-kind-scale = المقياس
pages-audit-kind-publisher = الناشر
pages-audit-kind-method = المنهجية
pages-audit-kind-indicator = المؤشر
pages-audit-kind-assessment = التقييم
pages-audit-kind-phase = المرحلة
pages-audit-kind-round = الجولة
pages-audit-kind-commitment = الالتزام
pages-audit-kind-document = الوثيقة
pages-audit-kind-scenario = السيناريو
pages-audit-kind-statement-version = نسخة البيان
pages-audit-kind-consultation = المشاورة
pages-audit-kind-consultation-version = نسخة المشاورة
pages-audit-kind-consultation-response = الرد على المشاورة
pages-audit-kind-follow-up = المتابعة
pages-audit-kind-decision-link = ربط القرار
pages-audit-kind-observations = الأرقام
pages-audit-kind-user = الحساب
pages-audit-kind-token = رمز الواجهة البرمجية
## إجراءات سجل التدقيق مختصرة، لقائمة التصفية.
pages-audit-name-create = إنشاء
pages-audit-name-update = تعديل
pages-audit-name-delete = حذف
pages-audit-name-import = استيراد
pages-audit-name-insert = إضافة أرقام
pages-audit-name-disable = تعطيل حساب
pages-audit-name-settings = تغيير إعدادات
pages-audit-name-revoke = إلغاء رمز
pages-audit-name-minutes-sign = توقيع محضر
pages-audit-name-key-register = تسجيل مفتاح توقيع
pages-audit-name-key-retire = سحب مفتاح توقيع
pages-audit-name-assessment-submit = تقديم تقييم
pages-audit-name-assessment-endorse = اعتماد تقييم
pages-audit-name-assessment-return = إعادة تقييم

## الحسابات: كلمة المرور الخاصة، وإعادة التعيين، وإعادة التفعيل (المسألة 17)
pages-work-field-account = الدخول
pages-work-account-directory = دليل
pages-work-account-local = كلمة مرور هنا
pages-work-enable = تفعيل
pages-work-enable-user = تفعيل { $name }
pages-work-reset = إعادة تعيين كلمة المرور
pages-work-reset-user = إعادة تعيين كلمة مرور { $name }
pages-work-confirm = تأكيد
pages-work-cancel = إلغاء
pages-work-confirm-reset-title = إعادة تعيين كلمة مرور { $name }؟
pages-work-confirm-reset-text = اختر كلمة مرور مؤقتة لـ { $name } وسلّمها له شخصيًا. عليه تغييرها عند دخوله التالي، وتنتهي جلساته المفتوحة الآن. تبقى رموز واجهته البرمجية عاملة: ألغها من صفحة المستخدمين إن أُسيء استخدام الحساب.
pages-work-field-temporary-password = كلمة المرور المؤقتة
pages-work-confirm-enable-title = تفعيل { $name }؟
pages-work-confirm-enable-text = سيستطيع { $name } الدخول من جديد، وستعمل رموز واجهته البرمجية التي لم تُلغَ من جديد.
pages-work-user-reset-done = أُعيد تعيين كلمة مرور { $name }. عليه تغييرها عند دخوله التالي.
pages-work-user-enable-done = فُعّل { $name } من جديد ويستطيع الدخول.
pages-work-confirm-disable-title = تعطيل { $name }؟
pages-work-confirm-disable-text = لن يستطيع { $name } الدخول بعد الآن: تنتهي جلساته المفتوحة الآن وتتوقف رموز واجهته البرمجية عن العمل. لا يتغير شيء مما كتبه، ويمكن تفعيل الحساب من جديد.
pages-work-user-disable-done = عُطِّل { $name } ولم يعد يستطيع الدخول.
pages-work-password-title = تغيير كلمة المرور
pages-work-password-current = كلمة المرور الحالية
pages-work-password-new = كلمة المرور الجديدة
pages-work-password-hint = { $min } محرفًا على الأقل.
pages-work-password-save = تغيير كلمة المرور
pages-work-password-changed = تغيّرت كلمة مرورك. أُنهيت جلساتك الأخرى، وتبقى رموز واجهتك البرمجية عاملة.
pages-work-password-must-change = أعادت الأمانة تعيين كلمة مرورك. اختر كلمة مرور جديدة قبل المتابعة.
pages-work-password-directory = يدخل حسابك عبر دليل المؤسسة (LDAP / Active Directory): غيّر كلمة مرورك هناك.
pages-work-settings-preferences = اللغة والأرقام والتذكيرات
pages-audit-user-enable = تفعيل الحساب { $record }
pages-audit-user-change-password = تغيير كلمة مرور { $record }
pages-audit-user-reset-password = إعادة تعيين كلمة مرور { $record }
pages-audit-name-enable = تفعيل حساب
pages-audit-name-change-password = تغيير كلمة مرور
pages-audit-name-reset-password = إعادة تعيين كلمة مرور
