## Pages: analysis (issue 5/6). Keys start with "pages-analysis-".

## Shared
pages-analysis-col-indicator = المؤشر
pages-analysis-col-unit = الوحدة
pages-analysis-col-factor = العامل
pages-analysis-col-latest = أحدث رقم
pages-analysis-col-area = المنطقة
pages-analysis-col-period = الفترة
pages-analysis-col-source = المصدر
pages-analysis-col-method = المنهجية
pages-analysis-col-stated = تاريخ الإعلان
pages-analysis-col-confidence = درجة الثقة
pages-analysis-col-value = القيمة
pages-analysis-col-phase = المرحلة
pages-analysis-confidence-low = منخفضة
pages-analysis-confidence-medium = متوسطة
pages-analysis-confidence-high = عالية
pages-analysis-no-figures = لا أرقام مسجلة.
pages-analysis-all-areas = كل المناطق
pages-analysis-show = عرض
pages-analysis-details = التفاصيل

## Timeline
pages-analysis-timeline-title = الجدول الزمني للانتقال
pages-analysis-timeline-note = يمتد كل شريط من المئين العاشر إلى المئين التسعين لأشهر البدء المحاكاة، والمعيّن هو الوسيط (المئين الخمسون)، والخط المتقطع هو الموعد النهائي. التواريخ مئينات على مستقبلات محاكاة، وليست تنبؤات.
pages-analysis-timeline-earlier = حُسب هذا الجدول الزمني في الساعة { $time } بالتوقيت العالمي، من السجل كما كان حينها؛ ويجري الآن إدخال الأرقام المسجلة بعد ذلك، وتظهر عند إعادة تحميل الصفحة.
pages-analysis-timeline-more = جرّب سيناريو افتراضيًا
pages-analysis-legend-band = الأساس: من المئين 10 إلى 90
pages-analysis-legend-what-if = الافتراض: من المئين 10 إلى 90 (مخطط)
pages-analysis-legend-median = الوسيط (المئين 50)
pages-analysis-legend-deadline = الموعد النهائي (متقطع)
pages-analysis-deadline-at = الموعد النهائي { $month }
pages-analysis-p-deadline = قبل الموعد النهائي: { $percent }
pages-analysis-started = بدأت
pages-analysis-cannot-short = يتعذر التنبؤ (انظر الجدول)

## What changed
pages-analysis-changes-title = ما الذي تغيّر منذ الدورة السابقة
pages-analysis-changes-note = الوضع الآن مقارنةً بنهاية الدورة السابقة ({ $date })، وكلاهما على الأرقام المسجلة اليوم.
pages-analysis-changes-none = لم تتغير حالة أي عامل ولا حكم أي بوابة منذ { $date }.
pages-analysis-changes-factors = { PLURAL($count) ->
    [zero] لم تتغير حالة أي عامل
    [one] تغيّرت حالة عامل واحد
    [two] تغيّرت حالتا عاملين
    [few] تغيّرت حالات { $count } عوامل
    [many] تغيّرت حالات { $count } عاملًا
   *[other] تغيّرت حالات { $count } عامل
}
pages-analysis-changes-gates = { PLURAL($count) ->
    [zero] لم يتغير حكم أي بوابة
    [one] تغيّر حكم بوابة واحدة
    [two] تغيّر حكم بوابتين
    [few] تغيّر حكم { $count } بوابات
    [many] تغيّر حكم { $count } بوابةً
   *[other] تغيّر حكم { $count } بوابة
}

## Indicators
pages-analysis-indicators-title = المؤشرات
pages-analysis-indicators-empty = لا مؤشرات في هذه الحالة يمكنك الاطلاع عليها.
pages-analysis-indicators-back = كل المؤشرات
pages-analysis-indicators-back-one = العودة إلى المؤشر
pages-analysis-indicator-missing-title = لا يوجد مؤشر بهذا الاسم
pages-analysis-indicator-missing = لا يوجد مؤشر باسم «{ $name }» يمكنك الاطلاع عليه. تُسمّى المؤشرات بصيغة العامل.المؤشر، مثل threat.attacks_per_month.
pages-analysis-area-unknown = لا أرقام لهذا المؤشر في المنطقة «{ $area }». اختر منطقة من القائمة.
pages-analysis-history-in = السجل والتنبؤ في { $area }
pages-analysis-fan-title = { $indicator } في { $area }
pages-analysis-fan-desc = أرقام من { PLURAL($publishers) ->
    [zero] لا ناشر
    [one] ناشر واحد
    [two] ناشرَين
    [few] { $publishers } ناشرين
    [many] { $publishers } ناشرًا
   *[other] { $publishers } ناشر
}، من { $from } إلى { $to }.
pages-analysis-fan-desc-forecast = التنبؤ حتى { $month }: المئين 10 { $p10 }، الوسيط { $p50 }، المئين 90 { $p90 }.
pages-analysis-fan-note = يبدأ التنبؤ في { $from }: يضم الشريطان المظللان 80٪ و50٪ الوسطى من مستقبلات الاتجاه المقدَّر، والخط المتقطع هو الوسيط.
pages-analysis-fan-none = لا تنبؤ: { $reason }
pages-analysis-legend-fan = التنبؤ: من المئين 10 إلى 90 ومن 25 إلى 75
pages-analysis-legend-illustrative = العلامات المخططة قيم توضيحية، وليست أرقامًا منشورة.
pages-analysis-legend-illustrative-short = المخطط: توضيحي
pages-analysis-sources-title = حيث تختلف المصادر
pages-analysis-sources-agree = يتفق الناشرون على كل فترة يذكرونها معًا.
pages-analysis-sources-disagree = { PLURAL($count) ->
    [zero] لا يختلف الناشرون في أي فترة:
    [one] يعطي الناشرون قيمًا مختلفة لفترة واحدة:
    [two] يعطي الناشرون قيمًا مختلفة لفترتين:
    [few] يعطي الناشرون قيمًا مختلفة لـ{ $count } فترات:
    [many] يعطي الناشرون قيمًا مختلفة لـ{ $count } فترةً:
   *[other] يعطي الناشرون قيمًا مختلفة لـ{ $count } فترة:
}
pages-analysis-figures-title = كل الأرقام، الأحدث أولًا

## Gate editor
pages-analysis-gates-title = محرر البوابات
pages-analysis-gates-intro = اكتب بوابة بلغة البوابات؛ تُفحص على الحالة، وتُعرض جملةً بالعربية والإنجليزية، وتُشرح على الأرقام الحالية منطقةً منطقة.
pages-analysis-gate-phase = الشرح في مناطق
pages-analysis-gate-all-areas = كل مناطق الحالة
pages-analysis-gate-text = البوابة
pages-analysis-gate-help = مثال:
pages-analysis-gate-check = افحص واشرح
pages-analysis-gate-valid = البوابة صحيحة.
pages-analysis-gate-canonical = كما تُحفظ:
pages-analysis-gate-sentence-en = بالإنجليزية:
pages-analysis-gate-sentence-ar = بالعربية:
pages-analysis-gate-explain = على الأرقام حتى { $month }
pages-analysis-gate-problems = { PLURAL($count) ->
    [zero] لا مشكلات
    [one] مشكلة واحدة
    [two] مشكلتان
    [few] { $count } مشكلات
    [many] { $count } مشكلةً
   *[other] { $count } مشكلة
}
pages-analysis-gate-at = السطر { $line }، العمود { $column }
pages-analysis-gate-suggestion = اقتراح:
pages-analysis-gate-too-long = البوابة أطول من { $max } حرف؛ البوابة بضعة أسطر.
pages-analysis-gate-unknown-phase = لا توجد مرحلة «{ $phase }».

## Forecast and what-ifs
pages-analysis-forecast-title = التنبؤ والسيناريوهات الافتراضية
pages-analysis-forecast-intro = اختر سيناريو محفوظًا، أو غيّر مستقبل مؤشر أو عتبة بوابة، وشاهد الجدول الزمني من جديد بجانب الأساس (المستقبلات المحاكاة نفسها، فالفرق ناتج عن التغيير وحده).
pages-analysis-forecast-settings = { $paths } مستقبلًا محاكى، من { $origin } إلى { $last }.
pages-analysis-form-problems = { PLURAL($count) ->
    [zero] لا حقول تحتاج إلى تصحيح
    [one] حقل واحد يحتاج إلى تصحيح
    [two] حقلان يحتاجان إلى تصحيح
    [few] { $count } حقول تحتاج إلى تصحيح
    [many] { $count } حقلًا تحتاج إلى تصحيح
   *[other] { $count } حقل تحتاج إلى تصحيح
}
pages-analysis-scenario-legend = سيناريو محفوظ
pages-analysis-scenario = السيناريو
pages-analysis-scenario-none = لا شيء (الأساس فقط)
pages-analysis-shock-legend = تغيير مستقبل مؤشر
pages-analysis-shift = إزاحة المستوى
pages-analysis-shift-hint = تُضاف إلى المستوى بوحدة المؤشر، مثل -2 أو 0.1
pages-analysis-multiply = الضرب في
pages-analysis-multiply-hint = مثل 2 لـ«يتضاعف»
pages-analysis-slope = تغيير الميل
pages-analysis-slope-hint = يُضاف إلى الاتجاه الشهري (للأعداد والنسب: تغيّر نسبي تقريبي في الشهر، مثل -0.02)
pages-analysis-from = ابتداءً من شهر
pages-analysis-from-hint = YYYY-MM؛ فارغ: من أول شهر للتنبؤ
pages-analysis-threshold-legend = تغيير عتبة بوابة
pages-analysis-threshold-clause = الشرط الذي تتغير عتبته
pages-analysis-threshold-value = العتبة الجديدة
pages-analysis-threshold-value-hint = رقم أو معرّف مستوى
pages-analysis-settings-legend = المحاكاة
pages-analysis-paths = عدد المستقبلات المحاكاة
pages-analysis-paths-hint = الافتراضي 10000
pages-analysis-horizon = الأشهر
pages-analysis-horizon-hint = الافتراضي 120، وبحد أقصى 240
pages-analysis-run = تنبّأ
pages-analysis-whole-between = «{ $value }» ليس عددًا صحيحًا بين { $min } و{ $max }.
pages-analysis-not-a-number = «{ $value }» ليس رقمًا.
pages-analysis-shock-needs-effect = أدخل إزاحة للمستوى أو معامل ضرب أو تغييرًا في الميل للمؤشر.
pages-analysis-shock-needs-indicator = اختر المؤشر الذي ينطبق عليه التغيير.
pages-analysis-threshold-incomplete = يحتاج تغيير العتبة إلى مرحلة وشرط وعتبة جديدة.
pages-analysis-what-if-form = التغييرات في النموذج

## Report
pages-analysis-report-title = تقرير الدورة
pages-analysis-print = اطبع هذه الصفحة (A4) من المتصفح؛ تُحذف منها أدوات التنقل والنماذج.
pages-analysis-trends-title = اتجاهات مؤشرات البوابات
pages-analysis-trends-note = يعرض كل رسم سنتين من أرقام الناشر المرجعي ومروحة تنبؤ لاثني عشر شهرًا (من المئين 10 إلى 90 ومن 25 إلى 75، والوسيط متقطع).

## استيراد مجموعة بيانات أحداث في صفحة المؤشر (المسألة 15)
pages-import-title = استيراد مجموعة بيانات أحداث
pages-import-intro = ارفع ملفًا مُصدَّرًا من UCDP GED أو ACLED ‏(CSV). يقرؤه تعريف الاستيراد الذي تختاره فيصير أرقامًا شهرية لهذا المؤشر، كلها أو لا شيء؛ ويُذكر كل صف خاطئ بسطره وعموده.
pages-import-definition = تعريف الاستيراد
pages-import-release = الإصدار
pages-import-release-help = GED: رقم الإصدار؛ ACLED: تاريخ التنزيل. إن تُرك فارغًا قُرئ من اسم ملف GED. مثلًا:
pages-import-file = الملف (CSV)
pages-import-submit = استيراد
pages-import-progress = البايتات المرسلة
pages-import-sending = جارٍ إرسال الملف…
pages-import-failed = لم يصل الملف إلى الخادم، ولم يُستورد شيء. تحقّق من الاتصال وحاول مرة أخرى.
pages-import-written = استُوردت الأرقام.
pages-import-unchanged = لم يتغيّر شيء: استُورد هذا الملف بهذا التعريف من قبل.
pages-import-revised = وهي تنقّح الإصدار { $release }، وتبقى أرقامه في سجل المؤشر.
pages-import-at = السطر:العمود { $at }
pages-import-nothing = لم يُستورد شيء.
pages-import-dataset = مجموعة البيانات
pages-import-figures = الأرقام الشهرية المكتوبة
pages-import-counted = الأحداث المحسوبة / الصفوف المقروءة
pages-import-unreadable = تعذّرت قراءة النموذج على أنه ملف مرفوع: أرسله من صفحة المؤشر.
pages-import-no-file = اختر ملفًا لاستيراده.
pages-import-field-too-long = أحد حقول النموذج أطول من اللازم.
pages-import-release-needed = إصدار { $file } غير مذكور في اسمه: اكتبه في حقل الإصدار.
pages-import-older = استورد حتى لو استُورد إصدار أحدث من قبل (يستعيد أرقامًا أقدم)
