# forecast messages (Arabic)

## Command line
forecast-cli-about = توقّع موعد بدء كل مرحلة: تواريخ P10/P50/P90، واحتمال الوفاء بكل موعد نهائي، وما يؤخّر كل مرحلة؛ ومع سيناريو، جنبًا إلى جنب
forecast-cli-backtest-about = احجب أحدث قراءات كل سلسلة، وتوقّعها، وقارن النموذج بتوقعات ساذجة
forecast-cli-arg-paths = عدد المستقبلات المحاكاة (الافتراضي 10000)
forecast-cli-arg-seed = البذرة العشوائية: البذرة نفسها تعطي التوقع نفسه
forecast-cli-arg-horizon = عدد الأشهر المحاكاة (الافتراضي 120)
forecast-cli-arg-scenario = قارن بهذا السيناريو من ملف scenarios.toml للحالة
forecast-cli-arg-shock = افتراض على مؤشر، مثل 'threat.attacks_per_month@kurdistan-region multiply=2 from=2027-01' (يمكن تكراره)
forecast-cli-arg-threshold = افتراض على شرط، بالصيغة PHASE#CLAUSE=VALUE، مثل 'coalition-mission-ends-kurdistan-region#1=4' (يمكن تكراره)
forecast-cli-arg-holdout = أشهر القراءات المحجوبة من كل سلسلة (الافتراضي 12: 12 قراءة شهرية أو 4 فصلية أو قراءة سنوية واحدة)
forecast-cli-bad-number = يجب أن تكون قيمة { $flag } عددًا صحيحًا أكبر من 0، لا { $value }
forecast-progress-fit = ملاءمة اتجاه لكل سلسلة
forecast-progress-simulate = محاكاة المستقبلات

## Errors in what-ifs
forecast-bad-flag = { $flag } '{ $input }': { $problem }
forecast-shock-empty = الصدمة فارغة
forecast-shock-no-indicator = يجب أن تبدأ الصدمة بمؤشر، لا بـ`{ $part }`
forecast-shock-syntax-help = اكتب INDICATOR[@AREA,AREA] ثم واحدًا أو أكثر من multiply= وshift= وslope= وvariance=، واختياريًا from=YYYY-MM، مثل 'threat.attacks_per_month@kurdistan-region multiply=2 from=2027-01'
forecast-unknown-indicator = لا يوجد مؤشر بالمعرّف `{ $name }`
forecast-known-indicators-help = المؤشرات هي: { $known }
forecast-unknown-area = لا توجد منطقة بالمعرّف `{ $name }`
forecast-known-areas-help = المناطق هي: { $known }
forecast-did-you-mean = هل تقصد `{ $name }`؟
forecast-shock-bad-part = `{ $part }` ليس بالصيغة KEY=VALUE
forecast-shock-unknown-key = `{ $key }` ليس مما تستطيع الصدمة تغييره
forecast-shock-keys-help = استخدم multiply= أو shift= أو slope= أو variance= أو from=
forecast-shock-repeated-key = `{ $key }` مذكور مرتين
forecast-shock-bad-number = يجب أن تكون قيمة { $key } عددًا، لا `{ $value }`
forecast-shock-positive = يجب أن تكون قيمة { $key } أكبر من 0، لا `{ $value }`
forecast-shock-bad-month = يجب أن تكون قيمة from شهرًا، لا `{ $value }`
forecast-shock-month-help = اكتب الشهر بالصيغة YYYY-MM، مثل from=2027-01
forecast-shock-no-effect = الصدمة لا تغيّر شيئًا
forecast-threshold-syntax = يُكتب تغيير العتبة بالصيغة PHASE#CLAUSE=VALUE
forecast-threshold-syntax-help = مثل 'coalition-mission-ends-kurdistan-region#1=4'، أو بمستوى: '…#4=effective-with-advisers'
forecast-unknown-phase = لا توجد مرحلة بالمعرّف `{ $name }`
forecast-known-phases-help = المراحل هي: { $known }
forecast-no-such-clause = ليس للمرحلة `{ $phase }` بند رقم { $clause }: { PLURAL($count) ->
    [zero] ليس في شرطها أي بند
    [one] في شرطها بند واحد
    [two] في شرطها بندان
    [few] في شرطها { $count } بنود
    [many] في شرطها { $count } بندًا
   *[other] في شرطها { $count } بند
}
forecast-clauses-help = بنودها مرقّمة من 1: { $clauses }
forecast-threshold-bad-value = `{ $value }` ليس عددًا ولا معرّف مستوى
forecast-unknown-scenario = لا يوجد سيناريو بالمعرّف `{ $id }` في هذه الحالة
forecast-unknown-scenario-help = السيناريوهات هي: { $known }
forecast-no-scenarios-help = لا تعرّف هذه الحالة أي سيناريو (scenarios.toml)؛ استخدم --shock و--threshold للافتراضات
forecast-engine-refused = رفض محرك التوقع مدخلاته: { $detail }

## Why a phase cannot be forecast
forecast-cannot = تعذّر التوقع: { $reason }
forecast-cannot-too-few = { PLURAL($count) ->
    [zero] ليس لـ{ $indicator } في { $area } أي قراءة
    [one] ليس لـ{ $indicator } في { $area } إلا قراءة واحدة
    [two] ليس لـ{ $indicator } في { $area } إلا قراءتان
    [few] ليس لـ{ $indicator } في { $area } إلا { $count } قراءات
    [many] ليس لـ{ $indicator } في { $area } إلا { $count } قراءةً
   *[other] ليس لـ{ $indicator } في { $area } إلا { $count } قراءة
} (يحتاج الاتجاه إلى { $needed } على الأقل)
forecast-cannot-out-of-range = قيمة { $indicator } في { $area } للفترة { $period } هي { $value }، وهي خارج ما يسمح به المؤشر
forecast-cannot-model = تعذّرت ملاءمة { $indicator } في { $area } ({ $detail })
forecast-cannot-predecessor = تنتظر «{ $phase }» التي يتعذّر توقعها

## The forecast, for people
forecast-header = { $name }: توقع من القراءات حتى { $as_of }
forecast-settings = المستقبلات المحاكاة: { $paths } · من { $origin } إلى { $last } · البذرة { $seed }
forecast-scenario-header = الافتراض: { $name }
forecast-scenario-command-line = تغييرات سطر الأوامر
forecast-shock-line = { $indicator } ابتداءً من { $from }: { $effects }
forecast-threshold-line = { $phase }، البند { $clause }: { $before } ← { $after }
forecast-label-baseline = الأساس
forecast-label-scenario = الافتراض
forecast-start = البدء: P10 { $p10 } · P50 { $p50 } · P90 { $p90 }
forecast-beyond-horizon = بعد { $last }
forecast-p-deadline = احتمال البدء قبل الموعد النهائي ({ $deadline }): { $percent }
forecast-no-deadline = لا موعد نهائي
forecast-p-never = احتمال عدم البدء حتى { $last }: { $percent }
forecast-held-back = أكثر ما أخّرها: { $clause } في { $area } ({ $percent } من المستقبلات)
forecast-started = بدأت في { $month } (قرار مسجَّل، لا توقّع)
forecast-earliest = ليس قبل { $month }
forecast-closing-note = التواريخ مئينات على مستقبلات محاكاة للنموذج المختار لكل مؤشر بحسب جودة توقّعه لماضي المؤشر نفسه (P10: مستقبل واحد من كل عشرة يبدأ قبله)؛ وهي ليست تنبؤات، ولا تبدأ أي مرحلة إلا بقرار من اللجنة.

## Backtest
backtest-header = { $name }: اختبار رجعي بحجب { PLURAL($months) ->
    [zero] لا أشهر
    [one] الشهر الأخير
    [two] الشهرين الأخيرين
    [few] آخر { $months } أشهر
    [many] آخر { $months } شهرًا
   *[other] آخر { $months } شهر
} من كل سلسلة
backtest-series = { $indicator } في { $area }: { PLURAL($count) ->
    [zero] لم تُحجب أي قراءة
    [one] حُجبت قراءة واحدة
    [two] حُجبت قراءتان
    [few] حُجبت { $count } قراءات
    [many] حُجبت { $count } قراءةً
   *[other] حُجبت { $count } قراءة
}
backtest-scores = تغطية فترة الـ80% { $coverage } · متوسط الخطأ المطلق: النموذج { $model }، القيمة الأخيرة { $naive }، الانجراف { $drift }
backtest-skipped = تُخطّيت: { $reason }
backtest-overall = الإجمال: { PLURAL($points) ->
    [zero] لا قراءات محجوبة
    [one] قراءة محجوبة واحدة
    [two] قراءتان محجوبتان
    [few] { $points } قراءات محجوبة
    [many] { $points } قراءةً محجوبة
   *[other] { $points } قراءة محجوبة
} في { PLURAL($series) ->
    [zero] لا سلاسل
    [one] سلسلة واحدة
    [two] سلسلتين
    [few] { $series } سلاسل
    [many] { $series } سلسلةً
   *[other] { $series } سلسلة
}؛ { $coverage } منها داخل فترة الـ80% للنموذج (المثالي نحو 80%)
backtest-beats = خطأ النموذج أصغر من خطأ القيمة الأخيرة في { $naive } من { $series } سلسلة، وأصغر من خطأ الانجراف في { $drift }
backtest-ratios = الخطأ المعتاد نسبةً إلى خطي الأساس: { $naive } من خطأ القيمة الأخيرة، و{ $drift } من خطأ الانجراف (الأقل من 1 أفضل)
backtest-none = لا توجد سلسلة فيها قراءات تكفي للاختبار الرجعي

## Model choice and first passage
forecast-cdf = احتمال البدء حتى: { $points }
forecast-cdf-point = { $month } { $percent }
forecast-models-header = النماذج (يُختار لكل سلسلة بمتوسط CRPS لتوقّعاتها الماضية لاثني عشر شهرًا؛ وفي JSON درجة كل نموذج مرشّح):
forecast-model-line = { $indicator } في { $area }: { $model } — CRPS { $crps } مقابل { $naive } لعدم التغيّر، على { PLURAL($count) ->
    [zero] لا توقّعات ماضية
    [one] توقّع ماضٍ واحد
    [two] توقّعين ماضيين
    [few] { $count } توقّعات ماضية
    [many] { $count } توقّعًا ماضيًا
   *[other] { $count } توقّع ماضٍ
}؛ التشتّت × { $inflation } لتغطية 80%
forecast-model-line-short = { $indicator } في { $area }: { $model } (التاريخ أقصر من أن تُقارَن النماذج)
forecast-model-no-change = عدم التغيّر
forecast-model-long-run-mean = المتوسط الطويل الأمد
forecast-model-local-level = المستوى المحلي
forecast-model-robust-level = المستوى المتين (أعداد متفرّقة)
forecast-model-damped-trend = الاتجاه المخمَّد
forecast-model-local-linear-trend = الاتجاه الخطي المحلي
