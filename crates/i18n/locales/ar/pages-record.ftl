## Pages: record (issue 5/6). Keys start with "pages-record-".
pages-record-back = رجوع
pages-record-back-to-round = العودة إلى الجولة
pages-record-list-sep = {"، "}
pages-record-all = الكل
pages-record-rounds-title = جولات الحوار
pages-record-rounds-none = لا توجد جولة يحق لك الاطلاع عليها: إما أنه لم تُسجَّل أي جولة، وإما أنه لم تُتَح أي جولة لدورك.
pages-record-round = الجولة
pages-record-dates = التاريخ
pages-record-place = المكان
pages-record-decisions = القرارات
pages-record-commitments = الالتزامات
pages-record-minutes = المحضر
pages-record-minutes-hidden = غير معروض: يتضمن المحضر سجلات لا يحق لك الاطلاع عليها
pages-record-minutes-unsigned = غير موقّع
pages-record-minutes-partial = وقّعه { $signed } من أصل { $heads } من رؤساء الوفود
pages-record-minutes-verified = موثَّق: { PLURAL($heads) ->
    [one] وقّعه رئيس الوفد المسمّى الوحيد
    [two] وقّعه رئيسا الوفدين كلاهما
    [few] وقّعه رؤساء الوفود الـ{ $heads } جميعًا
    [many] وقّعه رؤساء الوفود الـ{ $heads } جميعًا
   *[other] وقّعه رؤساء الوفود الـ{ $heads } جميعًا
}، وكل توقيع صحيح
pages-record-minutes-refused = مرفوض: أحد التواقيع ليس بالمفتاح المسجَّل لرئيس الوفد
pages-record-minutes-tampered = تغيّر بعد التوقيع: لم تعد التواقيع تتحقّق
pages-record-framework = عُقدت في إطار { $framework }.
pages-record-statement-link = البيان المشترك
pages-record-head-unnamed = لا يسمّي السجلّ رئيسًا لوفد { $party }.
pages-record-changed-after-signing = تغيّرت هذه الأجزاء من المحضر بعد توقيعه:
pages-record-part-changed = تغيّر: { $part }
pages-record-part-added = أُضيف: { $part }
pages-record-part-removed = حُذف: { $part }
pages-record-no-signatures = لم يوقّع أحد هذا المحضر بعد.
pages-record-signature-valid = صحيح
pages-record-signature-tampered = لا يتحقّق على المحضر الحالي
pages-record-signature-altered = (كل الأجزاء كما وُقّعت: التوقيع نفسه هو الذي عُدِّل)
pages-record-refused-not-head = مرفوض: ليس رئيس وفد في هذه الجولة
pages-record-refused-no-key = مرفوض: لا مفتاح مسجَّل
pages-record-refused-wrong-key = مرفوض: ليس المفتاح المسجَّل
pages-record-refused-duplicate = مرفوض: توقيع ثانٍ لرئيس الوفد نفسه
pages-record-illustrative = توقيع توضيحي
pages-record-digest = بصمة المحضر القانوني (blake3):
pages-record-delegations = الوفود والحضور
pages-record-led-by = برئاسة { $name }
pages-record-head-not-named = لا يسمّي السجلّ رئيس الوفد
pages-record-meetings = الاجتماعات (جدول الأعمال)
pages-record-attendance = الحاضرون:
pages-record-link-creates = أنشأ
pages-record-link-changes = عدّل
pages-record-link-phase = المرحلة
pages-record-link-gate = شرط المرحلة
pages-record-sign-title = التوقيع باسم { $name }
pages-record-sign-explain = يبقى مفتاحك الخاص في هذا المتصفح: يوقّع المحضرَ القانوني المجلوب من الخادم، ويتحقّق الخادم من التوقيع بمفتاحك العام المسجَّل.
pages-record-sign-noscript = التوقيع في المتصفح يحتاج إلى JavaScript. من دونه وقّع بسطر الأوامر: tahawul minutes sign ROUND --key FILE --server URL.
pages-record-sign-no-key = لا مفتاح في هذا المتصفح بعد: أنشئ مفتاحًا (ثم تسجّل الأمانة مفتاحه العام) أو استورد بذرة مفتاحك.
pages-record-sign-key = المفتاح في هذا المتصفح:
pages-record-sign-not-registered = ليس مفتاحك المسجَّل: سيرفض الخادم توقيعه
pages-record-sign-generate = إنشاء مفتاح في هذا المتصفح
pages-record-sign-seed = استيراد مفتاح: بذرته ذات 32 بايتًا في 64 خانة ست عشرية
pages-record-sign-import = استيراد المفتاح
pages-record-sign-button = توقيع المحضر
pages-record-sign-signing = جارٍ التوقيع…
pages-record-sign-signed = تمّ التوقيع: تحقّق الخادم من التوقيع.
pages-record-sign-unsupported = لا يستطيع هذا المتصفح التوقيع بـEd25519 (WebCrypto)؛ استعمل سطر الأوامر.
pages-record-sign-bad-seed = البذرة 64 خانة ست عشرية.
pages-record-statement-title = البيان المشترك: { $round }
pages-record-statement-none = لا بيان لهذه الجولة بعد.
pages-record-statement-draft = إعداد مسودته من قرارات الجولة والتزاماتها
pages-record-statement-version = النسخة { $number } بقلم { $author } ({ $party })، { $at }: { $changed }
pages-record-statement-first = مسودة من السجلّ
pages-record-statement-changed = عُدِّل النص { $lang }
pages-record-lang-ar = العربي
pages-record-lang-en = الإنجليزي
pages-record-statement-edit = التحرير
pages-record-statement-edit-explain = كل حفظ يُبقي نسخة جديدة غُيّر فيها نص لغة واحدة؛ وتبقى النسخ السابقة كما كانت.
pages-record-statement-save = حفظ النص { $lang } نسخةً جديدة
pages-record-statement-versions = النسخ
pages-record-compare-from = مقارنة النسخة
pages-record-compare-to = بالنسخة
pages-record-compare = قارن
pages-record-compare-title = النسخة { $from } مقارنةً بالنسخة { $to }
pages-record-compare-legend = الكلمات المشطوبة حُذفت، والكلمات المسطَّرة أُضيفت.
pages-record-commitments-title = سجلّ الالتزامات
pages-record-party = الطرف
pages-record-theme = الموضوع
pages-record-overdue = المتأخرة فقط
pages-record-filter = تصفية
pages-record-commitments-count = { PLURAL($count) ->
    [zero] لا التزامات
    [one] التزام واحد
    [two] التزامان
    [few] { $count } التزامات
    [many] { $count } التزامًا
   *[other] { $count } التزام
}
pages-record-commitment = الالتزام
pages-record-due = الموعد
pages-record-status = الحالة
pages-record-overdue-mark = متأخر
pages-record-history = السجلّ ({ PLURAL($count) ->
    [zero] لا تغييرات
    [one] تغيير واحد
    [two] تغييران
    [few] { $count } تغييرات
    [many] { $count } تغييرًا
   *[other] { $count } تغيير
})
pages-record-history-line = { $at }: من { $from } إلى { $to }، سجّله { $by }
pages-record-new-status = الحالة الجديدة
pages-record-evidence = الدليل (مطلوب)
pages-record-evidence-documents = وثائق السجلّ (معرّفاتها، اختياري)
pages-record-change-status = تسجيل التغيير
pages-record-share-title = نسبة الوفاء بمرور الوقت
pages-record-share-explain = متوسط الحالة مقسومةً على 3 للالتزامات المقطوعة حتى نهاية كل شهر: 0% لم يبدأ شيء، و100% وُفّي بكل التزام كاملًا.
pages-record-share-party = نسبة الوفاء لكل طرف
pages-record-share-theme = نسبة الوفاء لكل موضوع
pages-record-share-desc = خط لكل مجموعة، شهرًا بشهر منذ الجولة الأولى؛ ويعطي الجدول أدناه أحدث القيم.
pages-record-share-table = نسبة الوفاء الآن
pages-record-group = الطرف أو الموضوع
pages-record-share-now = نسبة الوفاء
pages-record-consultations-title = المشاورات
pages-record-consultations-none = لا مشاورات للعرض.
pages-record-consultation-counts = { PLURAL($versions) ->
    [zero] لا نسخ
    [one] نسخة واحدة
    [two] نسختان
    [few] { $versions } نسخ
    [many] { $versions } نسخةً
   *[other] { $versions } نسخة
}، منشور منها { $released }، { PLURAL($responses) ->
    [zero] لا ردود
    [one] رد واحد
    [two] ردّان
    [few] { $responses } ردود
    [many] { $responses } ردًّا
   *[other] { $responses } رد
}
pages-record-consultation-new = مشاورة جديدة
pages-record-consultation-id = المعرّف (حروف لاتينية صغيرة وأرقام و- و_)
pages-record-title-en = العنوان بالإنجليزية
pages-record-title-ar = العنوان بالعربية
pages-record-text-en = التوصية بالإنجليزية
pages-record-text-ar = التوصية بالعربية
pages-record-consultation-create = إنشاء المسودة
pages-record-summary-title = خلاصة النسخة { $version }
pages-record-summary-counts = { PLURAL($concur) ->
    [zero] لا موافقات
    [one] موافقة واحدة
    [two] موافقتان
    [few] { $concur } موافقات
    [many] { $concur } موافقةً
   *[other] { $concur } موافقة
}، { PLURAL($dissent) ->
    [zero] لا اعتراضات
    [one] اعتراض واحد
    [two] اعتراضان
    [few] { $dissent } اعتراضات
    [many] { $dissent } اعتراضًا
   *[other] { $dissent } اعتراض
}، { PLURAL($comments) ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $comments } تعليقات
    [many] { $comments } تعليقًا
   *[other] { $comments } تعليق
}
pages-record-summary-concur = الموافقون:
pages-record-summary-dissent = المعترضون، مع أسبابهم:
pages-record-version = النسخة { $number }
pages-record-released = نُشرت في { $at } بقلم { $by }، وهي مجمّدة
pages-record-draft = مسودة غير منشورة
pages-record-responses = الردود
pages-record-position-comment = تعليق
pages-record-position-concur = موافقة
pages-record-position-dissent = اعتراض
pages-record-respond-title = ردّك على النسخة { $version }
pages-record-position = الموقف
pages-record-reason = الأسباب (مطلوبة للاعتراض والتعليق)
pages-record-respond = تسجيل الرد
pages-record-edit-draft = تحرير المسودة
pages-record-edit-makes-version = أحدث نسخة منشورة ومجمّدة: الحفظ يُنشئ نسخة مسودة جديدة.
pages-record-save-draft = حفظ المسودة
pages-record-release = نشر النسخة { $number } لشركاء التحالف
pages-record-col-consultation = المشاورة
pages-record-col-versions = النسخ
pages-record-col-released = المنشورة
pages-record-col-responses = الردود
