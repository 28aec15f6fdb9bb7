"""A fourth held-out set for the tone checker, written before the fourth generation of rules.

It was measured once before any of that work (the figures are in ``test_tone.py``); the rules
were then developed on ``tone_dev4.py`` only, and this set was read again only for the totals.
One of its hostile drafts turned out to repeat a draft of an earlier set word for word, and one
("No.") is too short to tell apart from the rules' own text; both were taken out, so it holds 105
of them. Never tune a rule against it and never copy its sentences into the rules (a test checks
the second).

``HOSTILE_UNSEEN4`` mixes the habits of the earlier sets with ones they hold few of: cold
one-line refusals, lecturing, martyrdom about the seller's effort, threats dressed as
information, mock politeness, talking about the customer in the third person, "no offence,
but", conditional help ("I might consider it if"), scorn for the marketplace's buyers, and
long replies that bury one barb in the middle. ``WARM_UNSEEN4`` holds replies a kind, busy
seller would send: plain and short ones, firm refusals with a reason, boundaries with rude
buyers, proactive notes and replies that talk about the carrier or the policy without blame.
"""

from __future__ import annotations

#: Hostile, defensive and passive-aggressive drafts.
HOSTILE_UNSEEN4: list[str] = [
    "Not happening, sorry.",
    "Refund denied. The item was as described.",
    "I won't be refunding this.",
    "Nope, that's on you.",
    "No offence, but this is a you problem.",
    "No offence but maybe online shopping isn't for you.",
    "I'm not a mind reader, you never told me it was a gift.",
    "I spent six hours making this and this is the thanks I get.",
    "Do you have any idea how much work goes into each one of these?",
    "I've been doing this for twelve years and nobody else has ever complained.",
    "Every other buyer loved it, so I'm not sure what the issue is.",
    "You're literally the only person who has had a problem with this design.",
    "I might consider a partial refund if you change your review.",
    "I could maybe look at an exchange, but only if you stop messaging me ten times a day.",
    "Just so you know, I report buyers who abuse the returns system.",
    "For your information, leaving false claims is against the site rules and I will report it.",
    "Kindly refrain from contacting me again about this.",
    "Kindly note that I am a one-woman business and not Amazon.",
    "This isn't Amazon, things take time.",
    "I don't have time for this, I have forty other orders to post.",
    "Some of us have actual jobs and can't reply within the hour.",
    "You'll get it when it gets there.",
    "Chill, it's a keyring.",
    "It's a five pound necklace, what did you expect, gold?",
    "For the price you paid, honestly, it's fine.",
    "Not sure why you're making such a big deal of a tiny scratch.",
    "It's a handmade item, if you wanted perfect you should have gone to a shop.",
    "Handmade means it won't be perfect, which you'd know if you'd read anything on my page.",
    "Did you even look at the photos before ordering?",
    "Have you tried actually reading the size chart?",
    "Maybe measure next time.",
    "Next time, read the description.",
    "The description is there for a reason.",
    "It's all in the listing, which I'm guessing you skipped.",
    "Your letterbox is clearly too small, that's why it was left outside.",
    "Maybe give your neighbours a knock instead of messaging me.",
    "Your postman is the one who lost it, talk to him.",
    "Royal Mail lost it, not me, so I'm not sure why I'm getting the blame.",
    "I posted it. What happens after that isn't my responsibility.",
    "Once it leaves my hands it's the courier's problem.",
    "I'm sorry, but I did everything right here.",
    "I'm sorry you're disappointed but that's just how it is.",
    "Sorry not sorry, rules are rules.",
    "I'm sorry if my earlier reply upset you, but it was accurate.",
    "Apologies that you feel let down, but I stand by my work.",
    "Thanks for the lecture, I'll bear it in mind.",
    "Thanks for your feedback, I guess.",
    "Great, another one of these messages.",
    "Oh wonderful, another refund request.",
    "Lovely, so now it's my fault the weather was bad.",
    "Well that's a first.",
    "Funny how it only broke after you'd used it for a month.",
    "Interesting that you only noticed the stain after the return window closed.",
    "Convenient that the box was empty, isn't it.",
    "I find it hard to believe it arrived broken when I packed it in three layers.",
    "Your photos don't show any damage at all, so I'm going to need better ones.",
    "Send proof or there's nothing to discuss.",
    "Prove it and then we'll talk.",
    "I need a video of you opening it, otherwise no.",
    "Stop messaging me and wait like everyone else.",
    "Please stop with the constant messages, it's getting ridiculous.",
    "Asking the same question five times won't make it arrive faster.",
    "I answered this yesterday. Scroll up.",
    "As mentioned several times now, the order has been posted.",
    "Once again, I cannot control the post office.",
    "To repeat myself: no refunds on sale items.",
    "I don't know how many more ways I can explain this to you.",
    "The customer clearly didn't read the listing and now expects me to pay for it.",
    "Some people will complain about anything.",
    "Typical Etsy buyer, wants everything for free.",
    "People like you are why small shops close.",
    "You obviously bought it intending to return it after your party.",
    "You wore it, you keep it.",
    "If it doesn't fit your dog that's down to your measuring, not my pattern.",
    "Your skin must be unusually sensitive, nobody else has reacted to it.",
    "You must have put it in the dishwasher, which I clearly say not to do.",
    "You picked the colour, I just made what you ordered.",
    "You chose standard shipping, so you chose the wait.",
    "You typed the address, not me.",
    "Whoever put in that address made the mistake, and it wasn't me.",
    "Hi Dana, thanks so much for your order! Unfortunately you gave the wrong address so you'll "
    "have to pay the postage again. Have a nice day!",
    "Thank you for getting in touch. I do understand your frustration. That said, you ordered the "
    "wrong size and the listing could not be clearer, so there is nothing I can do.",
    "Hello! Thanks for your message. I've had a look and honestly I think you're overreacting a "
    "bit. It's a small mark and it will wash out. All the best.",
    "Hi, I'm sorry to hear that. The parcel was tracked and signed for, so frankly I don't see "
    "what else you want from me. Let me know if there's anything else.",
    "Good morning, thank you for your patience. I did warn you at checkout that custom orders "
    "take four weeks, so this really shouldn't be a surprise.",
    "Thanks for letting me know. I've checked my records and I'm confident the mistake isn't on "
    "my end, but I'll humour you and send a label.",
    "Hi Tom. I appreciate you reaching out. It's a bit rich to leave a one-star review before "
    "even talking to me, but here we are. What do you want?",
    "Hi, sorry for the delay. Things have been mad and to be honest messages like yours don't "
    "help. It will ship next week.",
    "I'll refund you, but please don't order from me again.",
    "Fine, have your refund, and please shop elsewhere in future.",
    "Refund sent. Hope you're happy.",
    "There, refunded. Can we be done now?",
    "You're entitled to your opinion, however wrong it is.",
    "I won't be bullied into a refund by threats of a bad review.",
    "I'm not going to grovel over a late parcel.",
    "Let's not pretend this is about the quality.",
    "Don't take that tone with me.",
    "I'd appreciate it if you spoke to me like a human being rather than a servant.",
    "If you're going to be rude, I'm going to ignore you.",
    "WHERE does it say next day delivery?",
    "I have ALREADY posted it.",
    "Seriously?? It's been two days!!",
    "ok whatever, ill send another one",
    "omg fine ill refund u",
    "cba with this tbh",
]

#: Warm replies: apologies, kind refusals, polite boundaries and proactive notes.
WARM_UNSEEN4: list[str] = [
    "I'm so sorry it arrived broken. I'll send a new one out tomorrow.",
    "Oh no, I'm sorry! Could you send me a quick photo so I can see what happened?",
    "Thank you for telling me, and I'm sorry for the trouble. A full refund is on its way.",
    "Sorry about the wait. Your order went out this morning and should be with you by Friday.",
    "I'm really sorry the colour isn't what you hoped for. I'd be glad to swap it for another.",
    "Thanks for your patience while I looked into this. I've reshipped your order today.",
    "I'm sorry, I can't take returns on personalised pieces, but I can fix the engraving for "
    "you free of charge.",
    "Unfortunately this one is sold out, and I'm sorry about that. I can make another in about "
    "two weeks if you'd like to wait.",
    "I'm afraid I can't offer a refund on a digital download, but I'd love to help you get it "
    "working. Which device are you using?",
    "I'm sorry it didn't fit. Returns are welcome within 30 days; the return postage is yours to "
    "cover, and I'll refund the item as soon as it's back.",
    "The tracking shows it was delivered yesterday, but I know that doesn't help if it isn't "
    "with you. I've opened a claim with the carrier and I'll keep you posted.",
    "Honestly, this one is on me: I sent the wrong size. The right one goes out today.",
    "However you'd like to go ahead is fine with me: a replacement or a full refund.",
    "The carrier has had delays this week, and I'm sorry your parcel got caught in them.",
    "I'm sorry you've had such a frustrating time with this order. Let's get it sorted.",
    "I want to help, and I'm happy to keep talking, but I won't continue if the messages stay "
    "abusive. If you'd like a refund, just reply and I'll arrange it.",
    "I understand you're upset, and I'd like to fix this. I'll reply to messages that stay civil.",
    "I'm sorry, but I'm not able to change a review's outcome for money. I'd still like to put "
    "the problem right, and here is what I can do.",
    "Thank you for your order! I'll start making it this week and let you know when it ships.",
    "Your order is on its way! It went out today with tracking, and the number is below.",
    "Good news: the blue version is back in stock, as you asked me to tell you.",
    "Just checking in to see that your lamp arrived safely and is working well.",
    "Thank you so much for the lovely review, it made my day.",
    "A quick note that I'm away from the 20th to the 27th; orders placed then will ship on the "
    "28th.",
    "Thanks for your message! Yes, I can do a matching pair. It would be £30 for both.",
    "Welcome back, and thank you for ordering again!",
    "Your custom piece is finished. Here's a photo before I pack it up.",
    "I'm sorry the code didn't work. I've refunded the difference to your card.",
    "Sorry for the slow reply, I've been poorly. I'm on it now and will post yours tomorrow.",
    "I can see why that's disappointing, and I'm sorry. A replacement is the quickest fix; "
    "would that suit you?",
    "I'm sorry to hear about the reaction, that sounds uncomfortable. I'll refund you in full "
    "and you don't need to send it back.",
    "It's my mistake and I'm sorry. You'll have the correct item by Thursday.",
    "I'm sorry, I can't cancel now as it has already shipped, but as soon as it's back with me "
    "I'll refund you in full.",
    "I'm afraid sale items can't be returned, as the listing mentions, but I'd be happy to help "
    "with sizing on your next order.",
    "Unfortunately the parcel has been marked as returned to sender. I'm sorry; I'll send it "
    "again at my cost once you've confirmed the address.",
    "Thanks for checking. The tracking shows it's at your local depot, so it should arrive "
    "tomorrow. I'll keep an eye on it too.",
    "I really appreciate you letting me know about the typo on the listing, thank you!",
    "Sorry, I'm not able to offer a bigger discount, but I can combine shipping on both items.",
    "I'm so sorry the box was empty. I'll look into what happened at my end and send the "
    "order again today.",
    "Thank you for being so understanding about the delay. It's on its way now.",
    "I'm sorry the gift arrived late for the birthday. I've refunded the postage.",
    "Hi Sam, I'm so sorry about the mix-up. I've sent the right print today, and please keep "
    "the other one.",
    "Hello! Thanks for reaching out. The earrings are nickel-free, and I'm sorry they've caused "
    "trouble. I'll refund you straight away.",
    "I'm sorry this has taken so long. I've chased the courier and will update you by Monday.",
    "That's completely fair, and I'm sorry. I should have replied sooner.",
    "I can't do next-day delivery on this one, I'm afraid, but I can post it first thing tomorrow.",
    "I understand, and I'm sorry it's not for you. Here's how to send it back.",
    "Thank you for your patience. Your refund has gone through and should show in 3-5 days.",
    "I'm sorry for any confusion in my last message. To be clear: you'll get a full refund.",
    "Your order will be a few days late, I'm sorry to say. It will ship on Wednesday.",
    "I'm sorry that happened. Would a replacement or a refund suit you better?",
    "Thanks so much for your kind words about the packaging!",
    "Sorry about that! I've updated the address on your order.",
    "I'm sorry to say the item is discontinued, so I've refunded your order in full.",
    "No problem at all, I've changed the colour on your order to green.",
    "Happy to help! The care instructions are: hand wash cold, dry flat.",
    "I'm sorry, that sounds really stressful. Let me see what I can do.",
    "I'm sorry you were charged twice. I've refunded the second payment today.",
    "Thank you. I'm sorry the return got lost; I'll refund you now rather than wait for it.",
    "I'm sorry it arrived after the wedding. I'll refund your order in full.",
    "Thanks for the heads-up about the late parcel. I'm sorry; I've asked the carrier to look "
    "into it.",
    "We can't accept returns of earrings for hygiene reasons, I'm sorry. I'd be glad to swap "
    "the hooks if they're bothering you.",
    "I'm so sorry, a batch of these mugs had a glaze fault. Please stop using yours and I'll "
    "send a replacement.",
    "I'm sorry the returned item arrived worn; I can refund part of the price.",
    "I'd rather fix this than argue about it: I'll send a new one today.",
    "No worries at all about the late reply, thanks for getting back to me!",
    "That's a lovely idea for a custom piece. I can have it ready in three weeks.",
    "Sorry, I'm a bit behind with messages. Yours is next and will ship by Friday.",
    "I'm sorry it's not quite what you pictured. I'd love to make it right.",
    "Thanks again for your order, and do let me know how you get on with it.",
]
