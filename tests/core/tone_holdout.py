"""A holdout set for the tone checker: drafts the rules were never developed on.

Written in one sitting, before the rules for passive aggression, turned openings, blame on the
customer's body, address or choices, and the no-complaint drafts were designed, and measured
once before any of that work (the figures are in ``test_tone.py``). The rules were then developed
on ``tone_dev.py`` only; this set was read again only for the final totals. Never tune a rule
against it and never copy its sentences into the rules (a test checks the second).

``WARM_HOLDOUT`` holds kind answers to complaints and proactive messages that answer no
complaint (confirmations, shipped notices, check-ins, thank-yous, restock notes), which need no
apology; it includes polite boundaries with abusive buyers.
"""

from __future__ import annotations

#: Hostile, defensive and passive-aggressive drafts, many of them polite on the surface.
HOSTILE_HOLDOUT: list[str] = [
    "Hi Priya, thanks for your message. The dimensions are listed in the second photo, so it "
    "might be worth having a look there before ordering next time.",
    "As mentioned in my earlier email, the parcel went out on Tuesday.",
    "I'm sorry you're disappointed, but I can't control how you feel about the colour.",
    "I'm sorry that you feel let down. The mug was exactly what was pictured.",
    "For a £12 necklace I think the finish is more than fair.",
    "Considering how little you paid, I'd say you got a very good deal.",
    "Most of my customers love this glaze, so I'm surprised to hear this.",
    "Everyone else who bought from this batch has been delighted.",
    "I have over forty orders to get out this week, so I'd appreciate some patience.",
    "I'm doing this on my own, around a full-time job, so replies take as long as they take.",
    "Hi Sam here! Thanks so much for reaching out. Unfortunately, the sizing info was in the "
    "description the whole time, which I guess you missed.",
    "Thanks for getting in touch! To be fair though, you did pick the economy option at checkout.",
    "Lovely to hear from you. That said, the address you gave us had no flat number, which is "
    "why it came back.",
    "Hope you're well! Just so you know, wool does that if you put it in a hot wash.",
    "Your skin may just be more sensitive than most people's.",
    "It sounds like the problem is your wrist size rather than the bracelet.",
    "If your dog got hold of it, that isn't something I can cover.",
    "Perhaps your expectations were a little high for a handmade piece at this price.",
    "Handmade items are never going to be perfect, and I think most people understand that.",
    "I did mention in the listing that shipping to your area takes longer.",
    "Per my last message, I won't be sending another one.",
    "I've answered this question a few times now, but here it is again: five to seven days.",
    "Just to reiterate, the candle is not meant to burn for more than four hours.",
    "I'd gently remind you that the return window closed two weeks ago.",
    "You'd know this if you had opened the care card in the box.",
    "I'm afraid the issue is on your end: your email filter must be eating my messages.",
    "It's a shame you didn't ask before buying, I could have told you it runs small.",
    "Had you chosen tracked shipping, we wouldn't be in this situation.",
    "Sorry, but I can't be expected to know that you'd be away on holiday.",
    "Honestly, this is the first time anyone has said the clasp is too stiff.",
    "I'm sorry for any inconvenience you feel this has caused.",
    "I regret that you are unhappy with a perfectly good product.",
    "Thank you for your feedback. I'm sorry you didn't like it, but I stand by the quality.",
    "We're a tiny team and we can't be everywhere at once, so bear with us.",
    "I completely understand your frustration, however I think you'll find the tracking shows "
    "it was delivered to your door.",
    "I hope this clears things up, and that you'll read the care instructions this time.",
    "Thanks. The print was packed flat, so any bending happened at your end.",
    "I'm not sure what more you were expecting for the price.",
    "The listing photos are taken in daylight, which you'd have seen if you'd zoomed in.",
    "Kind regards, and please do check the FAQ before sending further questions.",
    "With so many orders at the moment, I really don't have time to answer every message "
    "individually.",
    "It's just a tiny chip on the base, nobody will ever see it.",
    "The colour difference is honestly minimal, I really can't see what you're seeing.",
    "Other buyers have managed to get the lid on without any trouble.",
    "If the earrings irritated your ears, it's likely you have a nickel allergy, which isn't a "
    "fault with the earrings.",
    "Maybe try reading the measurements more carefully next time.",
    "I'm sorry, but the box clearly says fragile, so the courier should have been more careful, "
    "that's on them not me.",
    "Hi! Just a reminder that I already sent you the tracking link twice.",
    "Your neighbours probably took it in, have you thought to ask them?",
    "You'll find everything you need in the confirmation email I sent, if you look.",
    "I'm sorry you've had to wait, but I did warn everyone about the holiday closure on the "
    "shop banner.",
    "It's a bit much to ask for a full refund over a scuff, don't you think.",
    "Thanks for your patience (I know it's been hard for you!), it should arrive soon.",
    "I appreciate you're upset but shouting at me won't make the post go faster.",
    "Thank you for your order, and please remember to enter your full address next time so "
    "this doesn't happen again.",
    "I spent hours on your commission, so it's disappointing to hear this.",
    "I don't normally do refunds for people who change their minds, but fine.",
    "The ring fits a size 7 finger, so if it's tight, your finger is probably not a 7.",
    "I'm sorry for your frustration, but the parcel was delivered, according to the courier.",
    "If you're not happy with £3 off then I don't know what else to say.",
    "I'm sure you can understand that I can't refund every customer who's a little disappointed.",
    "It's clear you didn't look at the photos properly.",
    "Hi Priya, thank you for your message. I would have thought that it was obvious the mug is "
    "handmade.",
    "Respectfully, I'd ask you to check your spam folder before saying I never replied.",
    "I'm sorry it's taking so long, but I'm only one person and I've been run off my feet.",
    "Great, thanks for letting me know, although it would have been nice to hear from you "
    "before you left a review.",
    "The instructions are included for a reason.",
    "No one else seems to have trouble with the download link.",
    "Your order was cancelled because you didn't respond to my three emails.",
    "Sorry, I'm not able to keep explaining the same thing.",
    "It's a handmade item, so small imperfections come with the territory, as anyone who buys "
    "handmade knows.",
    "It was packed perfectly, so I really don't see how this is on me.",
    "I'm not refunding a mug that you broke.",
    "That's your problem, not mine.",
    "Look, the parcel was delivered. What do you want from me?",
    "Please stop emailing me five times a day.",
]

#: Kind answers to complaints, polite boundaries, and proactive messages that need no apology.
WARM_HOLDOUT: list[str] = [
    "Hi Priya, thank you for your order! Your blue mug will be made this week and posted by "
    "Friday. I'll send the tracking number as soon as it's on its way.",
    "Good news: your order #4471 has shipped with Royal Mail Tracked 48. The tracking number is "
    "AB123456789GB.",
    "Hi Priya, just checking in to see how you're getting on with your new mug. If anything "
    "isn't right, let me know.",
    "Thank you so much for your lovely review, it made my week!",
    "The sage green scarves are back in stock. I've put one aside for you until Sunday in case "
    "you'd still like it.",
    "Your order is packed and ready to go out with tomorrow morning's collection.",
    "Hi! Your custom sign is on the drying rack now; I'll post it on Monday and send you a photo "
    "before it goes.",
    "A quick note to say your parcel left the studio today. It usually takes 2-3 working days "
    "to reach you.",
    "Hope the mug arrived safely! Here's a little tip: it's happiest on the top shelf of the "
    "dishwasher.",
    "Thanks for shopping with Clay Corner. Your receipt and order details are below.",
    "The restock is live! I've sent you the link first, as you asked to be told.",
    "Hi Tom, your print has been dispatched and the tracking shows it's already at the local "
    "depot.",
    "Just letting you know I'm closed for a week from the 20th; any orders placed now will ship "
    "on the 28th.",
    "Happy birthday to your mum! Your gift-wrapped order went out this morning with a "
    "handwritten card.",
    "It's been a month since your order, so I wanted to ask whether the candle is burning "
    "evenly for you.",
    "Your download is ready: use the link in your purchase email, and it will work up to five "
    "times.",
    "Hello! The preorder for the winter collection opens on Saturday at 10am.",
    "Thank you for choosing us again, it's lovely to see a familiar name.",
    "I'm so sorry your mug arrived cracked. Unfortunately I don't have another in that glaze, "
    "but I can make one in two weeks or refund you today, whichever suits you.",
    "I'm afraid the parcel is still stuck in customs. I've contacted the carrier and I'll "
    "update you on Thursday.",
    "Honestly, I'd feel exactly the same. I'm sorry, and I'll send a replacement today.",
    "I can't see a record of that order on my side; could you send me the email address you "
    "used? I'll find it.",
    "The tracking shows it reached your local delivery office yesterday, so I've asked them to "
    "check their shelves. Sorry for the worry.",
    "Thank you for telling me. However frustrating this is, I promise we'll get it sorted this "
    "week.",
    "Unfortunately the carrier has confirmed it's lost. I'm really sorry; a new one will go out "
    "tomorrow, tracked.",
    "I'm sorry, I can't offer a refund on a personalised piece, but I'd be very happy to fix "
    "the engraving for free.",
    "That's not the experience I want anyone to have. I've refunded the postage and the "
    "replacement is on its way.",
    "Thanks for your message. I'm going to stop replying to messages that use this language, "
    "but if you'd like to sort out the order, I'm here and happy to help.",
    "I want to help, and I'm happy to keep talking once we can keep things civil. The offer of "
    "a replacement still stands.",
    "I understand you're angry, and I'm sorry the necklace broke. I won't be able to reply to "
    "messages with insults, but I'll send a new clasp as soon as you confirm the address.",
    "Thank you for the photos, they help a lot. I'm sorry the handle came off; that shouldn't "
    "happen, and I'll refund you in full.",
    "Ah, I'm so sorry. That's my mistake: I sent the small instead of the medium. The right one "
    "goes out today.",
    "I'm sorry the colour isn't what you expected from the photos. Screens do vary, and I'd be "
    "glad to swap it or take it back.",
    "You're right to ask. The delay is on my side, and I'm sorry; your order will be posted "
    "tomorrow morning.",
    "I'm really sorry it's been so slow. The carrier has had a backlog this week, so I've "
    "upgraded your replacement to next-day.",
    "Unfortunately that design is retired, however I have two similar ones I could show you if "
    "you'd like.",
    "Thank you for being so patient. I can't speed up customs, I'm afraid, but I'll keep "
    "checking and message you on Friday.",
    "I'm sorry for the mix-up with your address. No need to send anything back: I'll post a new "
    "one to the right address today.",
    "Of course, that's no trouble at all. I've cancelled the order and your refund will show in "
    "3-5 days.",
    "I'm sorry, the code expired yesterday. I've made you a new one, THANKYOU10, and it's good "
    "until the end of the month.",
    "Thanks for letting me know it hasn't arrived. Honestly, I'm as puzzled as you are; I've "
    "opened a trace and I'll send a replacement if there's no news by Monday.",
    "I hear you, and I'm sorry. I've looked into it and the earrings should have been sterling "
    "silver; I'll send you a new pair with silver hooks.",
    "I'm so sorry to hear about your reaction. Please stop wearing them; I'll refund you in "
    "full, and there's no need to send them back.",
    "Thank you for your patience while I looked into this. The tracking shows the parcel is "
    "back at the depot, and I've asked them to redeliver on Tuesday.",
    "Sorry I missed your message yesterday! The replacement is booked in for Thursday and I'll "
    "send the tracking then.",
    "I'm sorry your parcel arrived damp. I've refunded you in full, and you're welcome to keep "
    "the print if it dries out.",
    "I'm sorry, I know you were counting on it for the weekend. I can't get it there by "
    "Saturday, but I can refund the express postage today.",
    "Thank you for your honesty about the review. I'd really like the chance to put things "
    "right; a replacement is on its way.",
    "That sounds really upsetting, I'm sorry. Could you send me a photo of the box as well as "
    "the mug? It helps with the claim, and your refund doesn't depend on it.",
    "I've checked with Royal Mail and they're investigating. I'm sorry this is taking so long; "
    "I'll update you on Friday either way.",
    "Please don't worry about the review. I'm sorry the dress didn't fit, and I'm happy to "
    "exchange it for the larger size.",
    "I'm sorry, I can't accept returns on earrings for hygiene reasons, but I can offer you 20% "
    "off another pair.",
    "I'm sorry about the missing charm. It's entirely my mistake, and it'll be in the post "
    "tomorrow with a little extra.",
    "Thank you for bearing with me. Unfortunately the kiln cracked this batch, so I'll refund "
    "you now rather than keep you waiting.",
    "I'm sorry the candle tunnelled. It can happen on the first burn, and I'd love to send you "
    "a replacement to try.",
    "Sorry to hear the link isn't working! I've reset it, and I've also emailed you the file "
    "directly.",
    "I'm sorry, that must have been a shock to open. No need to return it; a new one is on its "
    "way.",
    "You're right, the listing should have said the pendant is small. I'm sorry, and I've "
    "updated it. Would you like a refund?",
    "Thank you for being honest with me. I'm sorry it's not for you, and I'll send a prepaid "
    "return label today.",
    "I understand, and I'm sorry it arrived after the party. I'll refund your postage and 20% "
    "of the order.",
    "I'm sorry you've had to chase me. Your order is made and it goes out today, tracked, and "
    "I'll send you the number tonight.",
    "I'm sorry it's shown as delivered when it isn't with you. I've asked the carrier for the "
    "delivery photo, and if it doesn't turn up by Friday I'll send another.",
    "I'm sorry for the trouble with the clasp. If you'd prefer, I can repair it rather than "
    "replace it; either way, it's on me.",
    "Hi Priya, I'm so sorry the mug hasn't turned up yet. The tracking shows it left the "
    "sorting centre on Monday, so I'll give it until Thursday and then send another.",
    "Thank you for flagging the typo on the card. I'm sorry about that; I'll print a corrected "
    "one and post it tomorrow.",
    "I'm sorry it didn't arrive in time for the birthday. I can't change the delivery date, but "
    "I've added a little gift to say sorry.",
    "Oh no, I'm sorry! It sounds like the wrong size went out. Keep that one, and I'll post the "
    "right one today.",
    "I'm really sorry about the delay; my supplier let me down this month, and that's on me for "
    "not warning you sooner.",
    "I'm sorry you were charged twice. I've refunded the second payment, and it should show "
    "within a few days.",
    "Thanks so much for your patience. Your replacement has shipped and should be with you "
    "Wednesday.",
    "I'm sorry you're unhappy with the order. I'm glad to help, but I won't continue the "
    "conversation while there are threats of a bad review; my offer of a full refund stands.",
]
