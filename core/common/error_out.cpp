#include "common/error_out.h"

namespace cc {

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

} // namespace cc
