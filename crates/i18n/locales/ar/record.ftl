# سجل الحوار: المحاضر الموقّعة من الطرفين، والمفاتيح، ومسودات البيانات المشتركة (المسألة 6).

## مشكلات الحزمة

bundle-bad-public-key = ‏`{ $value }` ليس مفتاحًا عامًا من نوع Ed25519
bundle-bad-public-key-help = اكتبه بالصيغة "ed25519:" تليها 64 خانة ست عشرية، كما يطبعه الأمر `tahawul key new`
bundle-bad-signature = ‏`{ $value }` ليس توقيعًا من نوع Ed25519
bundle-bad-signature-help = اكتبه بالصيغة "ed25519:" تليها 128 خانة ست عشرية، كما يطبعه الأمر `tahawul minutes sign`
bundle-bad-timestamp = ‏`{ $value }` ليس وقتًا صالحًا
bundle-bad-timestamp-help = اكتبه وقتًا بصيغة RFC 3339 بالتوقيت العالمي، مثل "2023-08-08T15:00:00Z"
bundle-signature-not-head = التوقيع مرفوض: { $person } ليس رئيسًا لأحد الوفود في الجولة { $round }
bundle-signature-not-head-help = لا يوقّع محضر الجولة إلا رؤساء وفودها ({ $heads })؛ احذف هذا التوقيع
bundle-signature-duplicate = التوقيع مرفوض: سبق أن وقّع { $person } محضر الجولة { $round }
bundle-signature-duplicate-help = يكفي توقيع واحد لكل رئيس وفد؛ احذف هذا التوقيع
bundle-signature-no-key = التوقيع مرفوض: لا مفتاح عامًا مسجَّلًا باسم { $person }
bundle-signature-no-key-help = سجّل مفتاح رئيس الوفد أولًا بإضافة `public_key = "ed25519:…"` إلى [[person]] { $person } في case.toml
bundle-signature-wrong-key = التوقيع مرفوض: المفتاح الذي وقّع ليس المفتاح المسجَّل باسم { $person } (الجولة { $round })
bundle-signature-wrong-key-help = على رئيس الوفد أن يوقّع بالمفتاح المسجَّل باسم { $person } في case.toml، وأي مفتاح جديد يُسجَّل هناك أولًا
bundle-minutes-tampered = تغيّر محضر الجولة { $round } بعد أن وقّعه { $person }، فلم يعد التوقيع يتحقق
bundle-minutes-tampered-help = شغّل `tahawul minutes verify { $round }` لمعرفة ما تغيّر؛ وإن كان التغيير متفقًا عليه فليوقّع رؤساء الوفود المحضر الجديد

## مسودات البيانات

record-list-comma = {"، "}
record-list-and = {"، و"}
record-list-semicolon = {"؛ "}
record-month = { $month ->
    [1] كانون الثاني/يناير
    [2] شباط/فبراير
    [3] آذار/مارس
    [4] نيسان/أبريل
    [5] أيار/مايو
    [6] حزيران/يونيو
    [7] تموز/يوليو
    [8] آب/أغسطس
    [9] أيلول/سبتمبر
    [10] تشرين الأول/أكتوبر
    [11] تشرين الثاني/نوفمبر
   *[12] كانون الأول/ديسمبر
}
record-date = { $day } { $month } { $year }
record-dates-one-day = يوم { $date }
record-dates-two-days = يومي { $first } و{ $second } { $month } { $year }
record-dates-range = من { $from } إلى { $to }
record-statement-title = بيان مشترك (مسودة): { $round }
record-statement-delegation-led = وفد { $party } برئاسة { $title } { $name }
record-statement-delegation-unled = وفد { $party } الذي لا يسمّي السجل رئيسه
record-statement-framework = ، في إطار { $framework }
record-statement-opening = عقد { $delegations }، { $round } في { $place } { $dates }{ $framework }.
record-statement-reaffirmations = تأكيدات متجدّدة
record-statement-reaffirmations-intro = { $count ->
    [2] جدّد الوفدان تأكيد التزامات سبق أن قطعاها في جولات سابقة:
   *[other] جدّدت الوفود تأكيد التزامات سبق أن قطعتها في جولات سابقة:
}
record-statement-commitments = الالتزامات
record-statement-party-commits = التزامات { $party }:
record-statement-joint-commits = { $count ->
    [2] التزامات مشتركة بين الجانبين:
   *[other] التزامات مشتركة بين الوفود كافة:
}
record-statement-next-steps = الخطوات التالية
record-statement-next-steps-intro = { $count ->
    [2] وقرّر الوفدان ما يلي:
   *[other] وقرّرت الوفود ما يلي:
}
record-statement-note-minutes-verified = ومحضر الجولة موقّع من جميع رؤساء الوفود المسمَّين وتواقيعه سليمة
record-statement-note-minutes-not-verified = ومحضر الجولة غير موقّع من جميع رؤساء الوفود المسمَّين أو أن تواقيعه لا تتحقق
record-statement-note = مسودة أُعدّت من سجل اللجنة الخاص بهذه الجولة، { $minutes }. يراجع كل وفد النص المكتوب بلغته ويحرّره قبل النشر، أما ملاحظات السجل على مصادره فموجّهة إلى المحرّرين وليست للنشر.

## الأوامر

record-cli-rounds-about = عرض جولات الحوار مع رؤساء وفودها وقراراتها والتزاماتها وحالة محاضرها
record-cli-minutes-about = توقيع محضر جولة والتحقق من تواقيعه
record-cli-minutes-sign-about = توقيع محضر جولة بملف مفتاح رئيس الوفد (عبارة المرور من الطرفية أو من TAHAWUL_PASSPHRASE)
record-cli-minutes-verify-about = التحقق من التواقيع على محضر جولة واحدة أو على محاضر الجولات كلها
record-cli-statement-about = البيانات المشتركة
record-cli-statement-draft-about = إعداد مسودة البيان المشترك لجولة بالعربية أو الإنجليزية من قراراتها والتزاماتها
record-cli-key-about = مفاتيح التوقيع لرؤساء الوفود
record-cli-key-new-about = توليد زوج مفاتيح Ed25519، ويُحفظ ملف المفتاح الخاص مختومًا بعبارة مرور
record-cli-arg-round = معرّف الجولة، مثل jscd-1
record-cli-arg-round-optional = معرّف الجولة؛ وإن أُغفل فالجولات كلها
record-cli-arg-key = ملف المفتاح الخاص برئيس الوفد (من `tahawul key new`)
record-cli-arg-out = أين يُكتب ملف المفتاح الخاص (ويُكتب المفتاح العام في FILE.pub)
record-cli-arg-append = إلحاق التوقيع بملف rounds.toml في الحزمة بدل طباعته
record-cli-arg-statement-lang = لغة البيان: ar أو en
record-cli-unknown-round = لا توجد جولة باسم `{ $round }` (الجولات المعروفة: { $known })
record-count-decisions = { PLURAL($count) ->
    [zero] لا قرارات
    [one] قرار واحد
    [two] قراران
    [few] { $count } قرارات
    [many] { $count } قرارًا
   *[other] { $count } قرار
}
record-rounds-header = { $name }: { PLURAL($count) ->
    [zero] لا جولات
    [one] جولة واحدة
    [two] جولتان
    [few] { $count } جولات
    [many] { $count } جولةً
   *[other] { $count } جولة
}
record-rounds-line = { $name } ({ $id })
record-rounds-when = { $start } – { $end } · { $place }
record-rounds-heads = رؤساء الوفود: { $heads }
record-rounds-head-unnamed = { $party }: لم يُسمَّ رئيس الوفد
record-rounds-counts = { $decisions } · { $commitments }
record-minutes-label = المحضر: { $state }
record-minutes-unsigned = غير موقّع
record-minutes-partial = وقّعه { $signed } من أصل { $heads } من رؤساء الوفود
record-minutes-verified = سليم: { PLURAL($heads) ->
    [two] وقّعه رئيسا الوفدين كلاهما
   *[other] وقّعه رؤساء الوفود جميعًا ({ $heads })
}
record-minutes-verified-named = سليم: وقّعه { $heads } من أصل { $heads } من رؤساء الوفود المسمَّين ({ PLURAL($unnamed) ->
    [one] وفد واحد لم يُسمَّ رئيسه
    [two] وفدان لم يُسمَّ رئيساهما
   *[other] { $unnamed } وفود لم تُسمَّ رؤساؤها
})
record-minutes-tampered = عُبث به: تغيّر بعد التوقيع
record-minutes-refused = مرفوض: أحد التواقيع ليس بمفتاح مسجَّل لرئيس وفد
record-minutes-illustrative = تواقيع تجريبية للتوضيح
record-verify-signature-ok = ✓ وقّع { $person } في { $at }: التوقيع سليم
record-verify-signature-tampered = ✗ وقّع { $person } في { $at }: التوقيع لا يتحقق على المحضر الحالي
record-verify-signature-refused = ✗ { $person }: { $reason }
record-verify-reason-not-head = مرفوض، فهو ليس رئيس وفد في هذه الجولة
record-verify-reason-no-key = مرفوض، لا مفتاح مسجَّلًا باسمه
record-verify-reason-wrong-key = مرفوض، ليس بالمفتاح المسجَّل
record-verify-reason-duplicate = مرفوض، توقيع ثانٍ من رئيس الوفد نفسه
record-verify-changed = تغيّر منذ التوقيع: { $part }
record-verify-added = أُضيف منذ التوقيع: { $part }
record-verify-removed = حُذف منذ التوقيع: { $part }
record-verify-no-parts = لا يذكر التوقيع الأجزاء التي شملها، فلا يمكن تحديد موضع التغيير
record-verify-signature-altered = الأجزاء كلها كما كانت عند التوقيع: التوقيع نفسه هو الذي عُدّل
record-verify-failed = { PLURAL($count) ->
    [one] محضر جولة واحدة لا يتحقق
    [two] محضرا جولتين لا يتحققان
    [few] محاضر { $count } جولات لا تتحقق
    [many] محاضر { $count } جولةً لا تتحقق
   *[other] محاضر { $count } جولة لا تتحقق
}: { $rounds }
record-verify-failed-help = أي تغيير في محضر موقّع يستلزم أن يوقّعه رؤساء الوفود من جديد، والتوقيع المرفوض يُحذف أو يُعاد بالمفتاح المسجَّل
record-sign-key-not-registered = المفتاح { $key } غير مسجَّل لأي شخص في هذه الحالة
record-sign-key-not-registered-help = أضف أولًا `public_key = "{ $key }"` إلى [[person]] الخاص برئيس الوفد في case.toml
record-sign-not-head = ليس { $person } رئيس وفد في الجولة { $round }، فلا يحق له توقيع محضرها
record-sign-not-head-help = رؤساء وفود هذه الجولة: { $heads }
record-sign-appended = أُلحق توقيع { $person } بالملف { $file } تحت الجولة { $round }
record-sign-printed = # توقيع { $person } على محضر { $round }: ألحقه تحت [[round]] الخاص بها في rounds.toml
record-sign-cannot-write = تعذّرت الكتابة في { $file }: { $detail }
record-key-passphrase = عبارة المرور لملف المفتاح:
record-key-passphrase-again = أعد كتابة عبارة المرور نفسها:
record-key-passphrase-mismatch = عبارتا المرور مختلفتان
record-key-passphrase-empty = عبارة المرور فارغة
record-key-passphrase-help = اكتبها عند الطلب، أو اضبط TAHAWUL_PASSPHRASE في السكربتات؛ ولا تمرّرها وسيطًا في سطر الأوامر
record-key-no-terminal = لا طرفية لطلب عبارة المرور، والمتغير TAHAWUL_PASSPHRASE غير مضبوط
record-key-exists = الملف { $file } موجود أصلًا، وملف المفتاح لا يُكتب فوق غيره أبدًا
record-key-exists-help = اختر قيمة أخرى لـ --out أو انقل الملف القديم أولًا
record-key-written = خُتم المفتاح الخاص في { $file }، والمفتاح العام في { $pub }
record-key-public = المفتاح العام: { $key }
record-key-register-help = سجّله بإضافة `public_key = "{ $key }"` إلى [[person]] الخاص بك في case.toml
record-key-cannot-read = تعذّرت قراءة ملف المفتاح { $file }: { $detail }
record-key-wrong-passphrase = عبارة المرور غير صحيحة للملف { $file }
record-key-wrong-passphrase-help = عبارة المرور هي التي أُدخلت عند تشغيل `tahawul key new`؛ ولم يُوقَّع شيء
record-key-bad-file = ليس { $file } ملف مفتاح من ملفات تحوّل: { $detail }
record-key-cannot-write = تعذّرت الكتابة في { $file }: { $detail }

## The record on the server (issue 6): problems of the record API.
record-api-key-form = المفتاح العام يُكتب `ed25519:` تليها 64 خانة ست عشرية
record-api-signature-form = التوقيع يُكتب `ed25519:` تليها 128 خانة ست عشرية
record-api-sign-no-delegation = وفد { $party } غير مسجَّل في هذه الجولة، فلا يستطيع رئيسه توقيع محضرها
record-api-sign-head-not-named = لا يسمّي السجلّ رئيسًا لوفد { $party } في هذه الجولة، فلا أحد يوقّع باسمه
record-api-sign-no-registered-key = ليس لـ{ $head } مفتاح مسجَّل: تسجّل الأمانة المفتاح العام لرئيس الوفد أولًا
record-api-sign-wrong-key = هذا المفتاح ليس المفتاح المسجَّل لـ{ $head }: رُفض التوقيع ولم يُحفظ شيء
record-api-sign-does-not-verify = لا يتحقّق التوقيع على المحضر الحالي: ربما تغيّر منذ جلبته؛ اجلبه من جديد ثم وقّع
record-api-sign-already-signed = سبق أن وقّع { $head } هذا المحضر، وتوقيعه صحيح
record-api-lang = `{ $lang }` ليست من لغتَي السجلّ: استعمل ar أو en
record-api-statement-too-long = النص أطول من { $max } حرف
record-api-statement-empty = النص فارغ
record-api-statement-none = لا بيان لهذه الجولة بعد: أعدّ مسودته أولًا
record-api-statement-unchanged = النص مطابق لأحدث نسخة: لا جديد يُحفظ
record-api-statement-stale = النسخة { $newest } هي الأحدث الآن: عدّل أحدٌ البيان في الأثناء؛ افتحه من جديد وأعد التعديل
record-api-bad-id = `{ $id }` ليس معرّفًا: استعمل حروفًا لاتينية صغيرة وأرقامًا و- و_
record-api-consultation-nothing-to-release = أحدث نسخة منشورة أصلًا: عدّل المسودة لتنشأ نسخة جديدة أولًا
record-consultation-reason-required = اذكر أسبابك: الاعتراض والتعليق يحتاجان إليها
record-consultation-reason-too-long = الأسباب أطول من { $max } حرف
record-api-position = `{ $position }` ليس موقفًا: استعمل comment أو concur أو dissent
record-api-status-evidence-required = اذكر ما يثبت الحالة الجديدة: تغيير الحالة يحتاج إلى دليله
record-api-status-evidence-too-long = الدليل أطول من { $max } حرف
record-api-status-unknown-document = لا وثيقة باسم `{ $id }` في السجلّ
record-api-status-unchanged = للالتزام هذه الحالة أصلًا
record-api-status-range = { $status } ليست حالة: استعمل 0 (لم يبدأ) أو 1 (أدنى) أو 2 (متوسط) أو 3 (كامل)
record-api-link-unknown = لا يوجد `{ $id }` في السجلّ
record-cli-arg-server = خادم تحوّل (http://host:port) لتوقيع المحضر الذي يحفظه أو التحقق منه؛ ويؤخذ رمز الواجهة من TAHAWUL_TOKEN
record-cli-server-no-token = لم يُضبط TAHAWUL_TOKEN: أنشئ رمز واجهة على الخادم وضعه في TAHAWUL_TOKEN
record-cli-server-url = `{ $url }` ليس عنوان http://
record-cli-server-url-help = يتخاطب الأمر بـHTTP العادي: شغّله على جهاز الخادم أو عبر نفق SSH إليه
record-cli-server-unreachable = تعذّر الوصول إلى { $url }: { $detail }
record-cli-server-refused = أجاب الخادم بـ{ $status }: { $detail }
record-cli-server-bad-answer = لم يُرسل { $url } المحضر القانوني
record-cli-server-signed = وُقّع محضر { $round } (البصمة { $digest })؛ وتحقّق الخادم من التوقيع؛ المحضر: { $state }
record-cli-server-signature-ok = ✓ { $person }: يتحقّق هنا بالمفتاح المسجَّل على المحضر القانوني للخادم
record-cli-server-signature-bad = ✗ { $person }: لا يتحقّق هنا بالمفتاح المسجَّل على المحضر القانوني للخادم

record-frozen-assessment-submitted = هذا التقييم مقدَّم: لا يتغير مضمونه إلا عبر مسار العمل — يعيده رئيس وفد مع الأسباب، فتعدّله مجموعة العمل، ثم تقدّمه من جديد
record-frozen-assessment-endorsed = هذا التقييم معتمد من الوفدين وهو نهائي: اكتب تقييمًا جديدًا يحلّ محله
record-frozen-signatures-by-edit = لا تُضاف التواقيع إلا بتوقيع رئيس وفد (POST /api/v1/rounds/{"{"}id{"}"}/minutes/signatures) الذي يتحقق منها: أرسل "signatures" كما هي محفوظة
record-frozen-signed-round-deleted = محضر هذه الجولة يحمل تواقيع: تبقى الجولة في السجل
record-frozen-signed-commitment-deleted = هذا الالتزام وارد في محضر موقَّع: يبقى في السجل (سجّل حالته عبر المتابعة بدلًا من ذلك)
