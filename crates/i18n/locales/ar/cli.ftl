# cli messages (Arabic)
cli-about = تحوّل: سجلّ لجنة انتقال قائم على الشروط وتوقعاتها
cli-arg-case = مجلد حزمة الحالة (الافتراضي: الحالة التأسيسية examples/iraq-hmc)
cli-arg-as-of = تقييم البيانات حتى هذا التاريخ (الافتراضي: اليوم)
cli-arg-lang = لغة المخرجات: en أو ar
cli-arg-digits = الأرقام المستعملة: latin (لاتينية) أو arabic-indic (هندية)
cli-arg-format = شكل المخرجات: table (للقراءة) أو json (للبرامج)
cli-arg-explain = شرح كل بند: آخر قيمة، والعتبة، ومدة التحقق، وما ينقص
cli-arg-open = الالتزامات التي لم تُنفَّذ كاملًا فقط
cli-arg-party = التزامات هذا الطرف فقط
cli-check-about = التحقق من حزمة حالة والإبلاغ عن كل مشكلة مع الملف والسطر والعمود
cli-status-about = عرض حالة كل عامل بحسب المنطقة: متحقق أو غير متحقق أو لا بيانات أو قديم، مع الأسباب
cli-gates-about = عرض شرط كل مرحلة بالكلمات وهل يتحقق في كل منطقة
cli-commitments-about = عرض سجلّ الالتزامات
cli-usage-error = سطر الأوامر غير صحيح (راجع tahawul --help):
cli-bad-as-of = يجب أن يكون ‎--as-of تاريخًا بالشكل YYYY-MM-DD، لا { $value }
cli-unknown-party = لا يوجد طرف `{ $party }`؛ الأطراف هي: { $known }
cli-problem-count = { PLURAL($count) ->
    [zero] لم توجد مشكلات
    [one] وُجدت مشكلة واحدة
    [two] وُجدت مشكلتان
    [few] وُجدت { $count } مشكلات
    [many] وُجدت { $count } مشكلةً
   *[other] وُجدت { $count } مشكلة
}
cli-check-ok = ‏{ $path }: الحالة «{ $name }» صالحة
cli-count-areas = { PLURAL($count) ->
    [zero] لا مناطق
    [one] منطقة واحدة
    [two] منطقتان
    [few] { $count } مناطق
    [many] { $count } منطقةً
   *[other] { $count } منطقة
}
cli-count-factors = { PLURAL($count) ->
    [zero] لا عوامل
    [one] عامل واحد
    [two] عاملان
    [few] { $count } عوامل
    [many] { $count } عاملًا
   *[other] { $count } عامل
}
cli-count-indicators = { PLURAL($count) ->
    [zero] لا مؤشرات
    [one] مؤشر واحد
    [two] مؤشران
    [few] { $count } مؤشرات
    [many] { $count } مؤشرًا
   *[other] { $count } مؤشر
}
cli-count-observations = { PLURAL($count) ->
    [zero] لا قراءات
    [one] قراءة واحدة
    [two] قراءتان
    [few] { $count } قراءات
    [many] { $count } قراءةً
   *[other] { $count } قراءة
}
cli-count-phases = { PLURAL($count) ->
    [zero] لا مراحل
    [one] مرحلة واحدة
    [two] مرحلتان
    [few] { $count } مراحل
    [many] { $count } مرحلةً
   *[other] { $count } مرحلة
}
cli-count-rounds = { PLURAL($count) ->
    [zero] لا جولات حوار
    [one] جولة حوار واحدة
    [two] جولتا حوار
    [few] { $count } جولات حوار
    [many] { $count } جولةَ حوار
   *[other] { $count } جولة حوار
}
cli-count-documents = { PLURAL($count) ->
    [zero] لا وثائق مصدرية
    [one] وثيقة مصدرية واحدة
    [two] وثيقتان مصدريتان
    [few] { $count } وثائق مصدرية
    [many] { $count } وثيقةً مصدرية
   *[other] { $count } وثيقة مصدرية
}
cli-illustrative-observations = منها { $count } توضيحية (لا يوجد رقم منشور)
cli-commitments-header = { $name }: { commitments-count }
cli-commitments-open-header = { $name }: { PLURAL($count) ->
    [zero] لا التزامات مفتوحة
    [one] التزام مفتوح واحد
    [two] التزامان مفتوحان
    [few] { $count } التزامات مفتوحة
    [many] { $count } التزامًا مفتوحًا
   *[other] { $count } التزام مفتوح
}
cli-commitment-who = { $parties } · { $round } · { $id }
