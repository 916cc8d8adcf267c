#include "placeholder_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace cc::ui {

PlaceholderPage::PlaceholderPage(const QString &title, const QString &explanation, QWidget *parent)
    : QWidget(parent)
{
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);
    auto *text = new QLabel(explanation, this);
    text->setObjectName(QStringLiteral("placeholderText"));
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(560);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(heading);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

} // namespace cc::ui
