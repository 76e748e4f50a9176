## keys messages (ar). Each area keeps its own file.

keys-unknown-person = لا يوجد شخص باسم { $person } في السجل المشترك
keys-not-their-head = لا يسجّل مفاتيح { $person } أو يسحبها إلا رئيس وفد من طرف { $person } نفسه، ومن حسابه الخاص
keys-proof-does-not-verify = الإثبات لا يتحقق: وقّع بايتات التحدي نفسها بالمفتاح الذي تسجّله، وأرسل ذلك التوقيع في الحقل "proof"
keys-bad-challenge = التحدي غير معروف أو استُعمل من قبل أو انتهت مدته (عشر دقائق) أو صدر لحساب آخر: اطلب تحديًا جديدًا
keys-key-in-use = هذا المفتاح موجود في سجل مفاتيح { $person }: يُسجَّل المفتاح مرة واحدة فقط؛ أنشئ مفتاحًا جديدًا
keys-no-such-active-key = ليس لدى { $person } مفتاح ساري بهذه البصمة: راجع GET /api/v1/keys
keys-edit-changes-keys = لا تتغير مفاتيح الشخص إلا حين يسجّل الرئيس مفتاحًا (POST /api/v1/keys مع إثبات الحيازة) أو حين يُسحب مفتاح؛ اترك "keys" و"public_key" كما هما
keys-bad-history = سجل مفاتيح { $person } غير متّسق عند المدخل { $index } ({ $reason })
keys-bad-history-help = يجب أن يتحقق "proof" على تحدي التسجيل، وأن يُسحب المفتاح بعد إضافته، وأن يخص شخصًا واحدًا، وأن يكون "public_key" آخر مفتاح غير مسحوب
keys-signature-key-not-valid-then = التوقيع مرفوض: مفتاح { $person } الذي وقّع لم يكن ساريًا في الوقت الذي يذكره التوقيع (الجولة { $round })
keys-signature-key-not-valid-then-help = لا يُعتدّ بالتوقيع إلا بالمفتاح الذي كان لدى { $person } في ذلك الوقت؛ وقّع من جديد بالمفتاح الحالي
keys-person-with-keys-deleted = الشخص الذي له مفاتيح مسجّلة يبقى في السجل: سجل مفاتيحه جزء من المحضر
keys-sign-not-a-head = لا يوقّع المحاضر إلا حساب رئيس الوفد نفسه
keys-page-refused-not-valid-then = مرفوض: لم يكن المفتاح ساريًا في ذلك الوقت
keys-page-register-title = من يحق له التوقيع
keys-page-head-accounts = حسابات رؤساء الوفود ({ $count ->
    [zero] لا حسابات
    [one] حساب واحد
    [two] حسابان
    [few] { $count } حسابات
    [many] { $count } حسابًا
   *[other] { $count } حساب
  })
keys-page-head-account = { $name } ({ $party })، أُنشئ في { $at }
keys-page-head-account-disabled = { $name } ({ $party })، أُنشئ في { $at }، معطَّل
keys-page-person-key = { $person }: المفتاح { $fingerprint }، منذ { $since }
keys-page-person-no-key = { $person }: لا مفتاح ساريًا
keys-page-key-retired = مفتاح سابق { $fingerprint }، سُحب في { $at } بواسطة { $by }
keys-page-since-start = بداية السجل
keys-cli-register-about = سجّل مفتاحك على خادم من حسابك الخاص: يصدر الخادم تحديًا ويوقّعه المفتاح هنا (إثبات الحيازة)؛ يؤخذ رمز الواجهة من TAHAWUL_TOKEN
keys-cli-arg-person = الشخص (أنت، رئيس وفد) الذي يخصه المفتاح
keys-cli-bad-challenge = لم يرسل الخادم في { $url } تحدي تسجيل لهذا الشخص وهذا المفتاح: لم يُوقَّع شيء
keys-cli-registered = سُجّل المفتاح { $fingerprint } لـ { $person }؛ وسُحب المفتاح السابق (تبقى التواقيع التي صنعها صحيحة)
keys-page-register-button = سجّل هذا المفتاح مفتاحًا لي
keys-page-registered = سُجّل المفتاح: صار مفتاحك للتوقيع.
