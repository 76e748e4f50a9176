# استيراد مجموعات بيانات أحداث النزاع (UCDP GED وACLED) إلى سلاسل مؤشرات (العربية).
events-empty-file = الملف { $file } فارغ: ليس فيه سطر عناوين
events-header-help = صدِّر الملف من { $dataset } بصيغة CSV مع سطر العناوين؛ يسرد docs/import-events.md الأعمدة المقروءة
events-missing-columns = { PLURAL($count) ->
    [one] ينقص سطرَ العناوين عمودُ { $dataset } التالي: { $columns }
   *[other] تنقص سطرَ العناوين أعمدةُ { $dataset } التالية: { $columns }
}
events-rename-columns = في سطر العناوين أسماء قريبة: أعد تسمية { $renames }، أو تحقّق من أن الملف من مجموعة البيانات التي يسمّيها التعريف
events-row-length = في هذا الصف { $found } حقلًا بينما في سطر العناوين { $expected }
events-row-length-help = الصف مبتور أو فيه فاصلة خارج علامتي التنصيص؛ ضع الحقول التي فيها فواصل بين علامتي تنصيص، أو صدِّر الملف من جديد
events-not-utf8 = الحقل { $column } ليس نصًا بترميز UTF-8
events-not-utf8-help = احفظ الملف أو صدِّره بترميز UTF-8
events-bad-date = قيمة { $column } هي { $value }، وهي ليست تاريخًا
events-bad-date-help = اكتب التواريخ بالصيغة YYYY-MM-DD (2024-09-27) أو 27 September 2024، وتحقّق من وجود اليوم
events-date-order = ينتهي الحدث ({ $end }) قبل أن يبدأ ({ $start })
events-bad-count = قيمة { $column } هي { $value }: يجب أن تكون عددًا صحيحًا من الصفر فما فوق
events-bad-code = قيمة { $column } هي { $value }: يجب أن تكون عددًا صحيحًا من { $min } إلى { $max }
events-line-too-long = في الملف سطر أطول من { $limit } بايت، فهو ليس ملف تصدير لمجموعة بيانات (أو أنه تالف)
events-line-too-long-help = تحقّق من أن الملف هو ملف CSV المصدَّر نفسه، لا ملفًا مضغوطًا أو ثنائيًا
events-unreadable = تتعذّر قراءة الملف: { $detail }
events-unknown-place = { $name } ليس تقسيمًا إداريًا من المستوى الأول في { $country } يعرفه تحوّل
events-unknown-place-suggest = { $name } ليس تقسيمًا إداريًا من المستوى الأول في { $country } يعرفه تحوّل؛ هل تقصد { $suggestion }؟
events-ambiguous-place = قد يدلّ { $name } على أكثر من تقسيم إداري في { $country }: { $codes }
events-unknown-place-help = أضف تهجئة مجموعة البيانات إلى `places` في تعريف المنطقة في case.toml (بالصيغة "{ $country }:الاسم")، أو اذكر رمز ISO 3166-2
events-more-problems = { PLURAL($count) ->
    [zero] ولا مشكلات أخرى
    [one] ومشكلة أخرى واحدة
    [two] ومشكلتان أخريان
    [few] و{ $count } مشكلات أخرى
    [many] و{ $count } مشكلةً أخرى
   *[other] و{ $count } مشكلة أخرى
}
events-iso-codes-missing = تتعذّر قراءة قوائم ISO 3166: { $detail }
events-iso-codes-missing-help = ثبّت حزمة iso-codes من دبيان (apt-get install iso-codes)
events-unknown-code = تذكر المنطقة { $area } الرمز { $code }، وهو ليس رمز بلد أو تقسيم إداري في ISO 3166
events-bad-place-name = تذكر المنطقة { $area } المكان { $name }: اكتب المكان المسمّى برمز البلد ثم نقطتين ثم الاسم (IQ:Halabja)
# حفظ استيراد (المسألة 15).
store-definition-changed = تغيّر تعريف الاستيراد أثناء قراءة الملف: أعد الاستيراد
store-release-other-file = استُورد الإصدار { $release } بالتعريف { $definition } من ملف آخر: سمِّ إصدار هذا الملف باسم مختلف (مثل { $release }-2)، أو تحقّق من أنه الملف المقصود
store-bad-release = الإصدار اسم قصير بلا محارف تحكّم (23.1، 2025-05-20)
store-no-figures = لا يعطي الملف أي رقم: لا شهر منه في نطاق التعريف
# tahawul import events (المسألة 15).
events-cli-about = استورد ملفًا مصدَّرًا من UCDP GED أو ACLED إلى أرقام مؤشر شهرية بحسب المنطقة، كله أو لا شيء
events-cli-arg-definition = تعريف الاستيراد (imports.toml) الذي يُقرأ به الملف
events-cli-arg-release = إصدار مجموعة البيانات (GED 24.1؛ ACLED: تاريخ التنزيل)؛ يُقرأ من اسم ملف GED إن لم يُذكر
events-unknown-definition = ليس في الحالة تعريف استيراد `{ $id }`
events-no-definitions-help = أضف جدول [[import]] إلى imports.toml في الحزمة (docs/bundle-format.md) ثم حمّل الحالة من جديد
events-no-places = لا تذكر أي منطقة في الحالة أماكنها، فلا يمكن وضع أي حدث في منطقة
events-no-places-help = اذكر رموز ISO 3166-2 لكل منطقة تحت `places` في case.toml ‏(docs/bundle-format.md)
events-release-needed = إصدار { $file } غير مذكور في اسمه
events-release-needed-help = اذكره بالخيار --release (لـ { $dataset }: رقم الإصدار، مثل 24.1، أو تاريخ التنزيل)
events-import-refused = { PLURAL($count) ->
    [zero] لم يُستورد شيء
    [one] لم يُستورد شيء: في الملف مشكلة واحدة
    [two] لم يُستورد شيء: في الملف مشكلتان
    [few] لم يُستورد شيء: في الملف { $count } مشكلات
    [many] لم يُستورد شيء: في الملف { $count } مشكلة
   *[other] لم يُستورد شيء: في الملف { $count } مشكلة
}
events-import-refused-help = أصلح الصفوف المذكورة أعلاه (أو صدِّر الملف من جديد) ثم استورده مرة أخرى
events-imported = كُتب { $figures } رقمًا شهريًا للمؤشر { $indicator } (من { $from } إلى { $to }، الإصدار { $release }): حُسب { $counted } من { $rows } حدثًا
events-revised = وهي تنقّح الإصدار { $release }، الذي تبقى أرقامه في سجل المؤشر
events-unchanged = لم يتغيّر شيء: استُورد هذا الملف بهذا التعريف بوصفه الإصدار { $release } في { $at }
events-left-other-countries = { $count } حدثًا في بلدان لا تشملها أي منطقة
events-left-not-taken = { $count } حدثًا من أنواع أو أطراف أو دقة لا يأخذها التعريف
events-left-spanning = { $count } حدثًا يمتد على شهرين، تُرك (بحسب قاعدة الامتداد في التعريف)
events-left-country-level = { $count } حدثًا محدد المكان على مستوى البلد فقط، ولا منطقة تشمل البلد كله
events-left-outside-months = { $count } حدثًا خارج أشهر التعريف
events-citations-title = مصادر البيانات
events-citation-ucdp = أرقام من مجموعة بيانات الأحداث المحددة جغرافيًا لبرنامج أوبسالا لبيانات النزاعات (UCDP GED) { $release } ‏(CC BY 4.0). يُستشهد بـ: Davies, S., Engström, G., Pettersson, T. & Öberg, M. (2024). Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4); Sundberg, R. & Melander, E. (2013). Introducing the UCDP Georeferenced Event Dataset. Journal of Peace Research 50(4), 523–532.
events-citation-acled = أرقام من بيانات ACLED التي اطُّلع عليها في { $release }. ‏Armed Conflict Location & Event Data Project (ACLED); www.acleddata.com. ‏لا تُنقل صفوف ACLED إلى أحد.
store-release-older = الإصدار { $release } أقدم من الإصدار { $newer } الذي استورده التعريف { $definition } من قبل: ستحلّ أرقامه محلّ أرقام أحدث منها
store-release-older-help = لاستعادة أرقام أقدم عن قصد، استورده مرة أخرى مع --older (أو older=true في واجهة البرمجة، أو المربع في صفحة المؤشر)؛ وإلا فاستورد الإصدار { $newer } أو أحدث منه
events-cli-arg-older = استيراد إصدار أقدم من إصدار استُورد من قبل (يستعيد أرقامًا أقدم)
