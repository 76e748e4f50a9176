## security messages (ar). Each area keeps its own file.

# tahawul serve
security-cli-arg-max-connections = عدد الاتصالات التي يجوز لعنوان واحد أن يبقيها مفتوحة في وقت واحد (الافتراضي 64؛ ارفعه خلف وكيل عكسي، حيث يحمل كل عميل عنوان الوكيل)

# tahawul export
security-cli-arg-export-party = صدِّر أيضًا مسودات هذا الوفد الخاصة (ودونه: السجل المشترك وحده)
security-export-unknown-party = لا يوجد طرف "{ $party }" في الحالة (المعروف: { $known })
security-export-done-shared = كُتب السجل المشترك في { $path } (دون مسودات أي وفد)
security-export-done-party = كُتب السجل المشترك ومسودات { $party } في { $path }
