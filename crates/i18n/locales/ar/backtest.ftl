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

