# رسائل لغة البوابات (العربية)

## أخطاء الصياغة (لكل منها رسالة -help تقول كيف يُصلح)

gate-found-end = نهاية نص البوابة
gate-empty = نص البوابة فارغ
gate-empty-help = اكتب شرطًا، مثل `threat.attacks_per_month <= 15 for 6 months`
gate-single-equals = علامة `=` وحدها ليست مقارنة
gate-single-equals-help = اكتب `==` لاختبار التساوي، أو `<=` / `>=` لوضع حد
gate-bang = علامة `!` وحدها ليست عاملًا
gate-bang-help = اكتب `not` قبل الشرط، أو `!=` بمعنى «لا يساوي»
gate-unclosed-string = اسم المستوى بين علامتي التنصيص غير مغلق
gate-unclosed-string-help = أغلقه بعلامة `"` على السطر نفسه، مثل `level "independent"`
gate-symbol-logic = الرمز `{ $symbol }` ليس من لغة البوابات
gate-symbol-logic-help = اربط الشروط بالكلمتين `and` و`or`
gate-percent = الرمز `%` ليس من لغة البوابات
gate-percent-help = اكتب النسب كسورًا عشرية: `0.6` بدل 60%
gate-single-quote = اسم المستوى يوضع بين علامتي تنصيص مزدوجتين
gate-single-quote-help = اكتب `level "independent"`
gate-unexpected-char = حرف غير متوقع `{ $char }`
gate-unexpected-char-help = الأسماء حروف لاتينية صغيرة وأرقام و`_` و`-` على صورة `factor.indicator`، والمقارنات هي < <= > >= == !=
gate-unmatched-close = القوس `)` هذا بلا قوس `(` يقابله
gate-unmatched-close-help = احذفه، أو أضف `(` حيث تبدأ المجموعة
gate-keyword-case = الكلمة { $found } مكتوبة بحروف كبيرة
gate-keyword-case-help = الكلمات المحجوزة بحروف صغيرة: اكتب `{ $keyword }`
gate-trailing-input = كان المتوقع `and` أو `or` أو نهاية البوابة، لكن وُجد { $found }
gate-trailing-input-help = اربط الشروط بـ`and` أو `or`
gate-too-deep = تتداخل البوابة أعمق من { $max } مستوى
gate-too-deep-help = احذف الأقواس أو كلمات `not` الزائدة
gate-unclosed-paren = القوس `(` هذا لا يُغلق أبدًا
gate-unclosed-paren-help = أضف `)` حيث تنتهي المجموعة
gate-expected-close = كان المتوقع `)` أو `and` أو `or`، لكن وُجد { $found }
gate-expected-close-help = أغلق المجموعة بـ`)` أو اربط الشروط بـ`and` / `or`
gate-for-after-group = تنطبق `for` على مقارنة واحدة لا على مجموعة
gate-for-after-group-help = ضع `for N months` بعد كل مقارنة يجب أن تستمر
gate-missing-name = تحتاج `{ $op }` إلى مؤشر على يسارها
gate-missing-name-help = اكتب المؤشر أولًا، مثل `threat.attacks_per_month { $op } 15`
gate-expected-condition = كان المتوقع شرطًا، لكن وُجد { $found }
gate-expected-condition-help = الشرط هو `factor.indicator` ثم مقارنة ثم حد، مثل `threat.attacks_per_month <= 15`
gate-missing-operator = كان المتوقع مقارنة مثل `<=` بعد { $name }، لكن وُجد { $found }
gate-missing-operator-help = اكتب مثلًا `{ $name } <= 15`
gate-bad-level-id = "{ $level }" ليس معرّف مستوى
gate-bad-level-id-help = معرّفات المستويات حروف صغيرة وأرقام و`-` و`_` كما في مقاييس الملف
gate-level-unquoted = يجب وضع اسم المستوى { $level } بين علامتي تنصيص
gate-level-unquoted-help = اكتب `level "{ $level }"`
gate-expected-level = كان المتوقع اسم مستوى بين علامتي تنصيص بعد `level`، لكن وُجد { $found }
gate-expected-level-help = اكتب مثلًا `level "independent"`
gate-bad-number = `{ $found }` ليس عددًا
gate-bad-number-help = اكتب عددًا عشريًا بسيطًا مثل `15` أو `0.6` أو `-2.5`
gate-level-without-keyword = يحتاج اسم المستوى إلى كلمة `level` قبله
gate-level-without-keyword-help = اكتب `{ $name } { $op } level "{ $level }"`
gate-expected-threshold = كان المتوقع عددًا أو مستوى بعد `{ $op }`، لكن وُجد { $found }
gate-expected-threshold-help = اكتب مثلًا `{ $name } { $op } 15` أو `{ $name } { $op } level "independent"`
gate-for-without-number = كان المتوقع عدد الأشهر بعد `for`، لكن وُجد { $found }
gate-for-not-whole = `{ $found }` ليس عددًا صحيحًا من الفترات
gate-for-help = اكتب مثلًا `for 6 months` أو `for 2 quarters` أو `for 1 year`
gate-bad-unit = كان المتوقع months أو quarters أو years، لكن وُجد { $found }
gate-bad-unit-help = اكتب مثلًا `for { $n } months`
gate-window-zero = لا يمكن أن يستمر شرط مدة صفر
gate-window-zero-help = احذف `for` إذا كانت آخر قيمة تكفي، أو اكتب `for 1 month` على الأقل
gate-window-too-long = المدة أطول من { $max } شهر
gate-window-too-long-help = اكتب مدة أقصر
gate-name-case = في الاسم { $name } حروف كبيرة
gate-name-case-help = الأسماء بحروف صغيرة: اكتب `{ $suggestion }`
gate-name-without-factor = الاسم { $name } لا يذكر العامل الذي ينتمي إليه
gate-name-without-factor-help = سمِّ المؤشرات على صورة `factor.indicator`، مثل `threat.{ $name }`
gate-bad-name = { $name } ليس اسمًا على صورة `factor.indicator`
gate-bad-name-help = اكتب معرّف عامل واحد ثم نقطة ثم معرّف مؤشر واحد، مثل `threat.attacks_per_month`

## الأسماء والأنواع

gate-unknown-factor = { $name }: لا يوجد في هذا الملف عامل باسم `{ $factor }`
gate-unknown-indicator = { $name }: ليس للعامل `{ $factor }` مؤشر بهذا الاسم
gate-did-you-mean = هل تقصد `{ $suggestion }`؟
gate-known-names = الأسماء المعروفة: { $names }
gate-nothing-known = لم يُعرَّف في الملف شيء منها بعد
gate-unknown-level = ليس في المقياس `{ $scale }` مستوى "{ $level }"
gate-kind-count = عدد
gate-kind-share = نسبة
gate-kind-level = مستوى
gate-kind-number = قيمة عددية
gate-level-for-number = المؤشر { $name } من نوع «{ $kind }» وليس مستوى
gate-level-for-number-help = قارنه بعدد، مثل `{ $name } { $op } 15`
gate-number-for-level = المؤشر { $name } مستوى على المقياس `{ $scale }` وليس عددًا
gate-number-for-level-help = قارنه بمستوى، مثل `{ $name } { $op } level "{ $level }"`
gate-number-for-level-help-plain = قارنه بمستوى، مثل `level "independent"`
gate-share-out-of-range = النسبة تقع بين 0 و1، و{ $value } ليست كذلك
gate-share-as-percent-help = اكتب { $percent }% على صورة `{ $fraction }`
gate-share-range-help = اكتب النسبة كسرًا بين 0 و1، مثل `0.6`
gate-negative-count = المؤشر { $name } عدد لا ينزل تحت الصفر، فلا يصلح { $value } حدًّا له
gate-negative-count-help = اكتب حدًّا قيمته 0 أو أكثر

## الجمل

gate-clause = { $indicator }: { $comparison }
gate-clause-window = { $indicator }: { $comparison } { $window }
gate-window = { PLURAL($n) ->
    [zero] في كل شهر من آخر { $n } شهر
    [one] في الشهر الأخير
    [two] في كلٍّ من الشهرين الأخيرين
    [few] في كل شهر من آخر { $n } أشهر
    [many] في كل شهر من آخر { $n } شهرًا
   *[other] في كل شهر من آخر { $n } شهر
}
gate-and = { $left }، و{ $right }
gate-or = { $left }، أو { $right }
gate-not = انتفاء الشرط ({ $inner })
gate-group = ({ $inner })
gate-empty-group = (لا شيء)
gate-level-value = المستوى «{ $level }»
gate-value-unit = { $number } ({ $unit })
gate-cmp-lt = أقل من { $value }
gate-cmp-le = { $value } كحد أقصى
gate-cmp-gt = أكثر من { $value }
gate-cmp-ge = { $value } على الأقل
gate-cmp-eq = { $value } بالضبط
gate-cmp-ne = غير { $value }

## شرح نتيجة التقييم، سطر لكل شرط

gate-truth-met = متحقق
gate-truth-not-met = غير متحقق
gate-truth-no-data = لا بيانات
gate-explain-sep = {"؛ "}
gate-list-sep = {"، "}
gate-explain-head = { $truth }: { $indicator } في { $area }
gate-explain-latest = آخر قيمة: { $value } عن { $period }
gate-explain-no-data = لا توجد أرقام
gate-explain-needs = المطلوب: { $comparison }
gate-explain-needs-window = المطلوب: { $comparison } { $window }
gate-explain-held = مستوفى منذ { PLURAL($held) ->
    [zero] { $held } شهر
    [one] شهر واحد
    [two] شهرين
    [few] { $held } أشهر
    [many] { $held } شهرًا
   *[other] { $held } شهر
} (المطلوب: { PLURAL($window) ->
    [zero] { $window } شهر
    [one] شهر واحد
    [two] شهران
    [few] { $window } أشهر
    [many] { $window } شهرًا
   *[other] { $window } شهر
})
gate-explain-not-held = غير مستوفى في آخر قيمة
gate-explain-missing = { PLURAL($count) ->
    [zero] لا فترات بلا أرقام
    [one] فترة واحدة بلا أرقام
    [two] فترتان بلا أرقام
    [few] { $count } فترات بلا أرقام
    [many] { $count } فترةً بلا أرقام
   *[other] { $count } فترة بلا أرقام
}: { $periods }
gate-explain-inherited = بحسب أرقام { $area }
gate-explain-illustrative = قيم توضيحية
