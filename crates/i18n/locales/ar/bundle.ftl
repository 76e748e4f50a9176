# مشكلات في حزمة الحالة (العربية).
diagnostic-error = خطأ
diagnostic-help = مساعدة
kind-document = وثيقة
kind-party = طرف
kind-person = شخص
kind-area = منطقة
kind-factor = عامل
kind-scale = مقياس
kind-publisher = جهة نشر
kind-method = طريقة
kind-indicator = مؤشر
kind-assessment = تقييم
kind-round = جولة
kind-commitment = التزام
kind-phase = مرحلة
kind-level = مستوى
kind-decision = قرار
bundle-not-a-folder = ‏{ $path } ليس مجلدًا
bundle-not-a-folder-help = اذكر مسار مجلد حزمة حالة، مثل examples/iraq-hmc
bundle-missing-file = لا يوجد في الحزمة الملف { $file }
bundle-cannot-read = تعذّرت قراءة { $file }: { $detail }
bundle-missing-file-help = أنشئ { $file } كما يصفه docs/bundle-format.md
bundle-not-utf8 = الملف { $file } ليس نصًا بترميز UTF-8
bundle-not-utf8-help = احفظ الملف بترميز UTF-8 (النص العربي يجب أن يكون UTF-8)
bundle-toml-syntax = هذا ليس TOML صالحًا: { $detail }
bundle-toml-syntax-help = راجع علامات الاقتباس والأقواس وأزواج `key = value` حول هذا الموضع
bundle-unknown-key = مفتاح غير معروف `{ $key }`
bundle-unknown-key-help = المفاتيح المسموح بها هنا: { $allowed }
bundle-did-you-mean = هل تقصد `{ $name }`؟
bundle-missing-key = المفتاح `{ $key }` مفقود
bundle-missing-key-help = أضف `{ $key } = …` إلى هذا الجدول
bundle-wrong-type = يجب أن يكون `{ $key }` { $expected ->
    [text] نصًا باللغتين
    [date] تاريخًا
    [string] سلسلة نصية
    [integer] عددًا صحيحًا
    [boolean] true أو false
    [array] مصفوفة
    [table] جدولًا
    [number] عددًا
   *[other] { $expected }
}، لا { $found ->
    [string] سلسلة نصية
    [integer] عددًا صحيحًا
    [float] عددًا عشريًا
    [boolean] قيمة منطقية
    [datetime] تاريخًا
    [array] مصفوفة
    [table] جدولًا
   *[other] { $found }
}
bundle-wrong-type-help = راجع docs/bundle-format.md لمعرفة شكل هذا المفتاح
bundle-text-help = اكتبه بالشكل { "{" } en = "…", ar = "…" { "}" }
bundle-date-help = اكتب التواريخ بالشكل "YYYY-MM-DD"، مثل "2023-08-07"
bundle-bad-date = `{ $key }` ليس تاريخًا: { $value }
bundle-bad-period = `{ $key }` ليس فترة: { $value }
bundle-period-help = اكتب الفترة بالشكل 2023-08 (شهر) أو 2023-Q3 (ربع سنة) أو 2023 (سنة)
bundle-bad-month = `{ $key }` ليس شهرًا: { $value }
bundle-month-help = اكتب الشهر بالشكل YYYY-MM، مثل 2024-09
bundle-bad-id = `{ $id }` ليس معرّفًا صالحًا
bundle-bad-id-help = استخدم حروفًا لاتينية صغيرة وأرقامًا و- و_، مثل `{ $suggestion }`
bundle-empty-text = النص { $lang ->
    [ar] العربي
   *[en] الإنجليزي
} للمفتاح `{ $key }` فارغ
bundle-missing-translation = لا يوجد نص { $lang ->
    [ar] عربي
   *[en] إنجليزي
} للمفتاح `{ $key }`
bundle-missing-translation-help = كل نص يراه المستخدم يحتاج إلى اللغتين: أضف `{ $lang } = "…"`
bundle-out-of-range = يجب أن يكون `{ $key }` بين { $min } و{ $max }
bundle-out-of-range-help = استخدم عددًا صحيحًا من { $min } إلى { $max }
bundle-bad-choice = القيمة `{ $value }` غير مسموح بها للمفتاح `{ $key }`
bundle-choice-help = اختر واحدًا مما يلي: { $choices }
bundle-unknown-reference = لا يوجد { $kind } بالمعرّف `{ $id }`
bundle-none-defined = لم يُعرَّف أي { $kind } بعد؛ عرّفه أولًا
bundle-known-ids = المعرّفات المعروفة: { $ids }
bundle-duplicate-id = { $kind } `{ $id }` معرَّف مرتين{ $line ->
    [0] {""}
   *[other] {""} (أول مرة في السطر { $line })
}
bundle-duplicate-id-help = أعطِ كل سجل معرّفًا خاصًا به
bundle-head-wrong-party = `{ $person }` يرأس `{ $party }` لكنه ينتمي إلى `{ $other }`
bundle-head-wrong-party-help = اختر رئيسًا من أفراد الطرف نفسه، أو صحّح الطرف الذي ينتمي إليه الشخص
bundle-area-cycle = المنطقة `{ $area }` تحتوي نفسها عبر المناطق الأم
bundle-area-cycle-help = يجب أن تكون المنطقة الأم منطقة أكبر لا تعود إلى هذه المنطقة
bundle-scale-no-version = لا توجد نسخة لهذا المقياس
bundle-scale-no-version-help = أضف [[scale.version]] مع version = 1 ومستوياتها
bundle-scale-version-order = النسخة { $found } في غير ترتيبها: المتوقع { $expected }
bundle-scale-version-order-help = رقّم النسخ 1، 2، 3 … دون فجوات؛ يجب أن تكون هذه { $expected }
bundle-scale-too-few-levels = تحتاج نسخة المقياس إلى مستويين على الأقل
bundle-scale-too-few-levels-help = اذكر المستويات من الأدنى إلى الأعلى باستخدام [[scale.version.level]]
bundle-scale-first-maps = النسخة الأولى من المقياس ليس قبلها ما يُحوَّل منه
bundle-scale-first-maps-help = احذف maps_from من النسخة 1
bundle-scale-unknown-level = لا يوجد في النسخة { $version } مستوى `{ $level }`
bundle-scale-unmapped-level = المستوى `{ $level }` من النسخة { $version } غير مُحوَّل إلى هذه النسخة
bundle-scale-unmapped-level-help = أضف `{ $level } = "…"` تحت maps_from
bundle-level-needs-scale = يحتاج المؤشر من نوع "level" إلى مقياس
bundle-level-needs-scale-help = أضف `scale = "…"` باسم مقياس من scales.toml
bundle-scale-not-level = لا يأخذ مقياسًا إلا المؤشر من نوع "level"
bundle-scale-not-level-help = احذف `scale`، أو اجعل kind = "level"
bundle-commitment-no-party = يحتاج الالتزام إلى طرف واحد على الأقل
bundle-commitment-no-party-help = أضف parties = ["…"]
bundle-end-before-start = تنتهي الجولة ({ $end }) قبل أن تبدأ ({ $start })
bundle-end-before-start-help = راجع التاريخين: يجب أن تكون النهاية في يوم البداية أو بعده
bundle-phase-no-area = تحتاج المرحلة إلى منطقة واحدة على الأقل
bundle-phase-no-area-help = أضف areas = ["…"] بأسماء المناطق التي يجب أن يتحقق فيها الشرط
bundle-deadline-before-earliest = الموعد النهائي { $deadline } يسبق أبكر موعد للبدء { $earliest }
bundle-deadline-before-earliest-help = اجعل الموعد النهائي بعد أبكر موعد للبدء، أو احذف أحدهما
bundle-phase-cycle = المرحلة `{ $phase }` تعتمد على نفسها عبر المراحل السابقة لها
bundle-phase-cycle-help = احذف إحدى المراحل السابقة حتى تصبح المراحل تسلسلًا بلا حلقات
bundle-condition-foreign-factor = شرط العامل `{ $factor }` يستخدم `{ $name }`، وهو مؤشر لعامل آخر
bundle-condition-foreign-factor-help = لا يستخدم شرط العامل إلا مؤشرات `{ $factor }.…`
bundle-factor-no-rating-scale = لا يوجد للعامل `{ $factor }` مقياس تقدير يُقيَّم عليه
bundle-factor-no-rating-scale-help = أضف rating_scale = "…" إلى العامل في case.toml
bundle-unknown-level = `{ $level }` ليس مستوى في المقياس `{ $scale }`
bundle-needs-reference-publisher = المؤشر { $indicator } تنشره عدة جهات ({ $publishers }) والشروط تحتاج إلى جهة واحدة
bundle-needs-reference-publisher-help = أضف reference_publisher = "{ $publisher }" (أو غيرها) إلى المؤشر
bundle-no-observations-folder = لا يوجد في الحزمة المجلد observations/
bundle-no-observations-folder-help = أنشئ observations/ وفيه ملف CSV أو أكثر (راجع docs/bundle-format.md)
bundle-csv-syntax = تعذّر تحليل صف CSV هذا: { $detail }
bundle-csv-unknown-column = عمود غير معروف `{ $column }`
bundle-csv-missing-column = العمود `{ $column }` مفقود
bundle-csv-columns-help = الأعمدة هي: { $columns }
bundle-csv-field-count = في هذا الصف { PLURAL($found) ->
    [zero] لا حقول
    [one] حقل واحد
    [two] حقلان
    [few] { $found } حقول
    [many] { $found } حقلًا
   *[other] { $found } حقل
}، وفي سطر العناوين { $expected }
bundle-csv-field-count-help = اجعل في كل صف حقلًا لكل عمود؛ وضع الحقول التي فيها فواصل بين علامتي اقتباس
bundle-csv-row = العمود `{ $column }`: { $detail }
bundle-bad-number = `{ $value }` ليس عددًا
bundle-bad-number-help = اكتب الأعداد بالأرقام ونقطة عشرية، مثل 12.5
bundle-bad-count = `{ $value }` ليس عددًا صحيحًا للعدّ
bundle-bad-count-help = العدّ عدد صحيح يساوي 0 أو أكثر
bundle-bad-share = `{ $value }` ليست نسبة
bundle-bad-share-help = النسبة عدد من 0 إلى 1
bundle-share-percent-help = النسبة بين 0 و1: هل تقصد { $suggestion }؟
bundle-bad-scale-version = لا توجد للمقياس `{ $scale }` نسخة `{ $value }` (النسخ من 1 إلى { $max })
bundle-period-frequency = الفترة { $period } لا تناسب { $indicator }، الذي يُرصد كل { $frequency ->
    [month] شهر
    [quarter] ربع سنة
    [year] سنة
   *[other] { $frequency }
}
bundle-period-frequency-help = اكتب الفترة بحسب تواتر المؤشر، مثل { $example }
kind-scenario = سيناريو
bundle-bad-indicator-name = `{ $value }` ليس اسم مؤشر
bundle-bad-indicator-name-help = اكتب اسم المؤشر بالشكل factor.indicator، مثل threat.attacks_per_month
bundle-bad-effect = يجب أن يكون `{ $key }` عددًا
bundle-positive-help = استخدم عددًا أكبر من 0، مثل 2 للمضاعفة
bundle-shock-no-effect = هذه الصدمة لا تغيّر شيئًا
bundle-shock-no-effect-help = أضف واحدًا مما يلي: multiply أو shift أو slope أو variance
bundle-threshold-value-help = اكتب عددًا، أو معرّف مستوى بين علامتي اقتباس
bundle-no-such-clause = لا يوجد في شرط المرحلة `{ $phase }` بند رقم { $clause }
bundle-no-such-clause-help = عُدّ بنود الشرط من 1 بترتيب كتابتها: فيه { $count }
bundle-started-before-predecessor = المرحلة `{ $phase }` مسجّلة على أنها بدأت، لكن المرحلة السابقة لها `{ $predecessor }` لم تبدأ
bundle-started-before-predecessor-help = سجّل متى بدأت `{ $predecessor }`، أو احذف `started` من هذه المرحلة
bundle-started-too-soon = بدأت المرحلة `{ $phase }` قبل أن يسمح بذلك بدء `{ $predecessor }` مع مهلة { PLURAL($lag) ->
    [zero] لا أشهر
    [one] شهر واحد
    [two] شهرين
    [few] { $lag } أشهر
    [many] { $lag } شهرًا
   *[other] { $lag } شهر
} ({ $earliest })
bundle-started-too-soon-help = راجع شهري البدء والمهلة الدنيا
# أماكن المناطق وتعريفات الاستيراد (imports.toml، المسألة 15).
kind-import = تعريف استيراد
bundle-bad-place = `{ $place }` ليس مكانًا: اكتب رمزًا من ISO 3166-2 ‏(IQ-NI) أو رمز بلد (IQ) أو رمز بلد ثم نقطتين ثم اسمًا (IQ:Halabja)
bundle-bad-place-help = الرموز بالأحرف اللاتينية الكبيرة كما تسردها حزمة iso-codes في دبيان
bundle-place-twice = المكان `{ $place }` مذكور مرتين
bundle-import-other-dataset = `{ $key }` عمود من أعمدة { $dataset }، لا من أعمدة مجموعة بيانات هذا التعريف
bundle-import-other-dataset-help = احذفه، أو اجعل `dataset` مجموعة بيانات الملف
bundle-import-months-order = الشهر الأخير ({ $to }) قبل الشهر الأول ({ $from })
bundle-import-indicator-kind = لا يقبل { $indicator } أرقام الأحداث: فهي أعداد أو مجاميع شهرية
bundle-import-indicator-kind-help = اجعل التعريف يغذّي مؤشرًا شهريًا من نوع count أو number
