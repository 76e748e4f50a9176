## backtest messages (ar). Each area keeps its own file.
backtest-cli-arg-every = أصول متدحرجة: أصل كل MONTHS شهرًا من ‎--from‎ إلى ‎--to‎ (كلٌّ منها أول شهر متوقَّع)
backtest-cli-arg-from = أول أصل متدحرج (YYYY-MM)
backtest-cli-arg-to = آخر أصل متدحرج (YYYY-MM)
backtest-cli-arg-origins = الأصول مفصولة بفواصل (YYYY-MM,YYYY-MM,…)
backtest-cli-arg-series-csv = اختبار السلاسل الشهرية في ملف CSV (الترويسة series,period,value والفترة YYYY-MM) بدلًا من قضية
backtest-cli-arg-min-nonzero = مع ‎--series-csv‎: السلاسل التي فيها هذا العدد على الأقل من الأشهر فوق الصفر فقط
backtest-cli-arg-paths = عدد السحوبات المحاكاة لكل شهر متوقَّع لحساب CRPS وPIT (الافتراضي 1000)
backtest-bad-month = { $flag } { $value } ليس شهرًا
backtest-bad-month-help = اكتب الشهر بالصيغة YYYY-MM، مثل 2008-01
backtest-every-needs-range = يحتاج ‎--every‎ إلى ‎--from‎ و‎--to‎ (أول أصل وآخره)، ويحتاج ‎--from‎/‎--to‎ إلى ‎--every‎
backtest-range-backwards = ‎--from‎ { $from } بعد ‎--to‎ { $to }
backtest-csv-unreadable-file = تعذّرت قراءة { $file }: { $detail }
backtest-csv-header = يجب أن يكون السطر الأول الترويسة series,period,value
backtest-csv-header-help = صف واحد لكل سلسلة وشهر: الاسم,YYYY-MM,رقم (مثل ucdp-ged/iraq/sb-best-deaths,2008-01,41)
backtest-csv-unreadable = تعذّرت قراءة هذا الصف بصيغة CSV: { $detail }
backtest-csv-fields = في هذا الصف { $count } حقول؛ المطلوب ثلاثة (السلسلة، الفترة، القيمة)
backtest-csv-no-name = اسم السلسلة فارغ
backtest-csv-period = { $value } ليس شهرًا
backtest-csv-period-help = اكتب الفترة بالصيغة YYYY-MM، مثل 2008-01
backtest-csv-value = { $value } ليس رقمًا
backtest-csv-duplicate = للسلسلة { $series } قيمة ثانية للفترة { $period }
backtest-origins = { PLURAL($count) ->
    [zero] لا أصول
    [one] أصل واحد
    [two] أصلان
    [few] { $count } أصول
    [many] { $count } أصلًا
   *[other] { $count } أصل
} من { $first } إلى { $last }
backtest-series-plain = { $indicator }: { PLURAL($count) ->
    [zero] لا قراءات متوقَّعة
    [one] قراءة متوقَّعة واحدة
    [two] قراءتان متوقَّعتان
    [few] { $count } قراءات متوقَّعة
    [many] { $count } قراءةً متوقَّعة
   *[other] { $count } قراءة متوقَّعة
}
backtest-crps = متوسط CRPS: النموذج { $model }، عدم التغيّر { $naive }
backtest-chosen = النموذج المختار: { $models }
backtest-skill = CRPS المجمَّع: النموذج { $model }، عدم التغيّر { $naive } · المهارة { $skill } (فوق الصفر: أفضل من عدم التغيّر)؛ CRPS النموذج أدنى في { $beats } من { $series } سلسلة
backtest-horizon-header = حسب عدد الأشهر المقبلة: التوقعات · تغطية فترات 50% / 80% / 90% · CRPS (النموذج، عدم التغيّر) · المهارة
backtest-horizon-row = { $horizon }: { $count } · { $c50 } / { $c80 } / { $c90 } · { $crps }، { $naive } · { $skill }
backtest-pit = مدرّج PIT بالأعشار (مستوٍ عند المعايرة): { $bins }
backtest-models = النماذج المختارة (السلاسل × الأصول): { $models }
backtest-gates-header = الشروط: احتمال تحقق كل شرط بحلول كل شهر مقبل، من كل أصل، مقارنًا بما تُظهره القراءات. درجة براير (الصفر هو الكمال؛ والأدنى أفضل) بجانب عدم التغيّر (تبقى كل قراءة على آخر قيمة لها قبل الأصل)؛ والمهارة فوق الصفر أفضل من عدم التغيّر:
backtest-gate-row = { $phase }: { PLURAL($count) ->
    [zero] لا توقعات
    [one] توقّع واحد
    [two] توقّعان
    [few] { $count } توقعات
    [many] { $count } توقّعًا
   *[other] { $count } توقّع
} (تحقق في { $met }) · براير { $brier }، عدم التغيّر { $reference } · المهارة { $skill }
backtest-gate-skipped = { $phase }: لم يُقيَّم: { $reason }
backtest-gate-no-months = لا يقع أي أصل ضمن قراءاته
backtest-gates-none = تعذّر تقييم أي شرط
backtest-gates-overall = كل الشروط ({ $gates }): { PLURAL($count) ->
    [zero] لا توقعات
    [one] توقّع واحد
    [two] توقّعان
    [few] { $count } توقعات
    [many] { $count } توقّعًا
   *[other] { $count } توقّع
} (تحقق في { $met }) · براير { $brier }، عدم التغيّر { $reference } · المهارة { $skill }
backtest-reliability-header = الموثوقية، كل الشروط (تكون المعايرة جيدة حين تقترب نسبة التحقق من متوسط التوقّع): الاحتمال المتوقَّع · التوقعات · متوسط التوقّع · نسبة التحقق
backtest-reliability-row = { $lower }–{ $upper }: { $count } · { $mean } · { $observed }

## صفحة الاختبار الرجعي ومخطط أول بلوغ
pages-analysis-backtest-title = الاختبار الرجعي
pages-analysis-backtest-back = العودة إلى التوقّع
pages-analysis-backtest-link = ما مدى جودة هذه التوقعات على القراءات السابقة: الاختبار الرجعي
pages-analysis-backtest-indicator-link = ما مدى جودة توقعات هذه القضية على القراءات السابقة: الاختبار الرجعي
pages-analysis-backtest-intro = من كل أصل، تُتوقَّع كل سلسلة بالقراءات السابقة له وحدها، كما تفعل صفحة التوقّع اليوم، ثم تُقارَن التوقعات بالقراءات التي تلتها. الفترة التي تعني ما تقوله تغطي نصيبها منها؛ والمهارة فوق الصفر تعني أن التوقعات كانت أفضل من «عدم التغيّر».
pages-analysis-backtest-every = الأشهر بين الأصول
pages-analysis-backtest-every-hint = مثلًا 3
pages-analysis-backtest-years = سنوات الأصول
pages-analysis-backtest-years-hint = رجوعًا من آخر قراءة، مثلًا 3
pages-analysis-backtest-settings = { PLURAL($count) ->
    [zero] لا أصول
    [one] أصل واحد
    [two] أصلان
    [few] { $count } أصول
    [many] { $count } أصلًا
   *[other] { $count } أصل
} من { $first } إلى { $last }، يتوقّع كلٌّ منها { PLURAL($months) ->
    [zero] لا أشهر
    [one] شهرًا واحدًا
    [two] شهرين
    [few] { $months } أشهر
    [many] { $months } شهرًا
   *[other] { $months } شهر
} مقبلة
pages-analysis-backtest-summary = { PLURAL($points) ->
    [zero] لا توقعات
    [one] توقّع واحد
    [two] توقّعان
    [few] { $points } توقعات
    [many] { $points } توقّعًا
   *[other] { $points } توقّع
} لـ{ PLURAL($series) ->
    [zero] لا سلاسل
    [one] سلسلة واحدة
    [two] سلسلتين
    [few] { $series } سلاسل
    [many] { $series } سلسلةً
   *[other] { $series } سلسلة
}: { $coverage } داخل فترة 80%؛ ومهارة CRPS مقارنةً بعدم التغيّر { $skill }
pages-analysis-backtest-interval = فترة { $level }
pages-analysis-backtest-horizon = الأشهر المقبلة
pages-analysis-backtest-forecasts = التوقعات
pages-analysis-backtest-coverage-title = تغطية الفترات حسب عدد الأشهر المقبلة
pages-analysis-backtest-coverage-y = نسبة القراءات داخلها
pages-analysis-backtest-coverage-point = فترة { $level }، بعد { $horizon } شهر: { $percent } من { $count } داخلها
pages-analysis-backtest-coverage-row = بعد { $horizon } شهر ({ $count } توقّع): { $c50 } و{ $c80 } و{ $c90 } داخل فترات 50% و80% و90%
pages-analysis-backtest-coverage-note = ينبغي أن يقع كل خط متصل على مستواه الاسمي المتقطع: تحته تكون الفترات أضيق مما ينبغي، وفوقه أوسع.
pages-analysis-backtest-skill-title = مهارة CRPS مقارنةً بعدم التغيّر حسب عدد الأشهر المقبلة
pages-analysis-backtest-skill-y = المهارة
pages-analysis-backtest-skill-row = بعد { $horizon } شهر ({ $count } توقّع): المهارة { $skill }
pages-analysis-backtest-skill-note = المهارة هي 1 − متوسط CRPS للتوقعات مقسومًا على متوسط عدم التغيّر: فوق الصفر كانت التوقعات أفضل من «بقاء آخر قراءة»؛ وتُقطع الأعمدة التي تنزل تحت −2 عند −2.
pages-analysis-backtest-pit-title = مدرّج PIT
pages-analysis-backtest-pit-x = موقع القراءة من توزيع توقّعها
pages-analysis-backtest-pit-bar = { $from }–{ $to }: { $count } توقّع
pages-analysis-backtest-pit-flat = المعايرة الجيدة: العدد نفسه في كل عُشر
pages-analysis-backtest-pit-note = { PLURAL($count) ->
    [zero] لا توقعات.
    [one] توقّع واحد.
    [two] توقّعان.
    [few] { $count } توقعات.
    [many] { $count } توقّعًا.
   *[other] { $count } توقّع.
} أعمدة طويلة عند الطرفين: فترات أضيق مما ينبغي؛ وحدبة في الوسط: أوسع مما ينبغي؛ وميل إلى جهة: توقعات أعلى أو أدنى مما ينبغي.
pages-analysis-backtest-gates-title = الشروط: «تحقق بحلول هذا الشهر»
pages-analysis-backtest-gates-intro = من كل أصل، يعطي التوقّع احتمال تحقق كل شرط بحلول كل شهر مقبل، وتُظهر القراءات هل تحقق. درجة براير هي متوسط مربع الفرق (الصفر هو الكمال)؛ ويقيّم عدم التغيّر الشرط مع بقاء كل قراءة على آخر قيمة لها.
pages-analysis-backtest-met = تحقق
pages-analysis-backtest-brier = درجة براير
pages-analysis-backtest-brier-reference = درجة براير لعدم التغيّر
pages-analysis-backtest-all-gates = كل الشروط ({ $count })
pages-analysis-backtest-reliability-title = موثوقية توقعات الشروط
pages-analysis-backtest-reliability-note = التوقعات مجمّعة حسب الاحتمال بالأعشار: نقاط المتوقِّع المعايَر جيدًا تقع على القطر (من التوقعات التي أعطت 30%، تحقق 30%).
pages-analysis-backtest-reliability-point = التوقّع { $mean } في المتوسط، وتحقق في { $observed } ({ $count } توقّع)
pages-analysis-backtest-bin = الاحتمال المتوقَّع
pages-analysis-backtest-mean-forecast = متوسط التوقّع
pages-analysis-backtest-observed = نسبة التحقق
pages-analysis-backtest-diagonal = المعايرة الجيدة
pages-analysis-backtest-gates-line = توقعات الشروط
pages-analysis-cdf-title = احتمال بدء كل مرحلة، شهرًا بشهر
pages-analysis-cdf-x = السنة
pages-analysis-cdf-y = نسبة المستقبلات المحاكاة
pages-analysis-cdf-phase = { $phase }: { $percent } بحلول { $month }
pages-analysis-cdf-note = يصعد كل خط كلما بدأت المرحلة في مزيد من المستقبلات المحاكاة؛ وحيث ينتهي دون 100%، لا تبدأ المرحلة في بقية المستقبلات ضمن الأفق. ولا خط للمراحل المسجَّل بدؤها.
